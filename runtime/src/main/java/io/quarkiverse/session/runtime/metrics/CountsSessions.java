package io.quarkiverse.session.runtime.metrics;

/**
 * A store that knows how many sessions it holds without scanning them, measured by the gauge
 * {@code quarkus.session.active}.
 */
public interface CountsSessions {

    /** The number of sessions held, expired ones not yet deleted included. */
    long sessionCount();
}
