package io.quarkiverse.session.it.shop;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One session of the logged-in user, as their devices page lists it: a handle to log it out by (the hash of its ID,
 * never the ID), the device it logged in from, its last use, and whether it is the one asking.
 */
@RegisterForReflection
public record Device(String handle, String name, Instant lastUsed, boolean current) {
}
