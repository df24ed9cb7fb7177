package io.quarkiverse.session.redis.runtime;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redis session store: where in Redis the sessions are kept, and how long Redis may take to answer.
 */
@ConfigMapping(prefix = "quarkus.session.redis")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface RedisStoreConfig {

    /**
     * The start of the name of every Redis key the store writes: a session is the hash under this prefix followed by the
     * 64 hex digits of the SHA-256 of its ID. Give each application that shares a Redis database a prefix of its own.
     * Listing sessions (the Dev UI) scans the keys that start with it.
     */
    @WithDefault("session:")
    String keyPrefix();

    /**
     * How long each request to Redis may take before the store gives up on it and the HTTP request gets the
     * {@code 503} with {@code Retry-After} of a failed store. A load, a save or a deletion is one request to Redis; a
     * change of ID ({@code Session.regenerate()}) is up to three. {@code quarkus.session.store-timeout} (5 seconds by
     * default) bounds each whole store operation as well: keep this one shorter. Also bounds the listing of sessions,
     * which the store timeout does not.
     */
    @WithDefault("2S")
    Duration timeout();
}
