package io.quarkiverse.session.redis.runtime;

import java.time.Duration;
import java.util.OptionalInt;

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
     * 64 hex digits of the SHA-256 of its ID; the sessions of a principal are listed in a sorted set under this prefix
     * followed by {@code principal:}, the SHA-256 of the principal's name in hex, and {@code :sessions}. Give each
     * application that shares a Redis database a prefix of its own. Listing sessions (the Dev UI) scans the keys that
     * start with it.
     */
    @WithDefault("session:")
    String keyPrefix();

    /**
     * How long each request to Redis may take before the store gives up on it and the HTTP request gets the
     * {@code 503} with {@code Retry-After} of a failed store. A load, a save or a deletion is one request to Redis (the
     * deletion of a session bound to a principal is two, bounded together, the second one for its principal's index); a
     * change of ID ({@code Session.regenerate()}) is up to three. {@code quarkus.session.store-timeout} (5 seconds by
     * default) bounds each whole store operation as well: keep this one shorter. Also bounds the listing of sessions,
     * which the store timeout does not.
     */
    @WithDefault("2S")
    Duration timeout();

    /**
     * How many connections of the Redis client's pool the store keeps open for its own commands. The commands of
     * concurrent requests share them, sent one after the other without waiting for the answers (Redis answers in
     * order), and each event loop sticks to one connection, so that with as many connections as event loops each loop
     * talks to Redis on its own. The connections stay taken from the pool: when the client also serves the application,
     * keep this below {@code quarkus.redis.max-pool-size} (or the named client's). Default: half of the client's
     * {@code max-pool-size}, rounded up (3 with the client's default pool of 6).
     */
    OptionalInt connections();
}
