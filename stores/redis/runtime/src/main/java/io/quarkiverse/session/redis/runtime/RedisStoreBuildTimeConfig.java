package io.quarkiverse.session.redis.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/**
 * The Redis session store: build-time settings.
 */
@ConfigMapping(prefix = "quarkus.session.redis")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface RedisStoreBuildTimeConfig {

    /**
     * The Redis client that keeps the sessions, by the name it has in the Redis client's configuration
     * ({@code quarkus.redis.<name>.hosts}). The default Redis client ({@code quarkus.redis.hosts}, or its Dev Services)
     * when not set. Fixed at build time: the store asks the Redis client extension for this client while the application
     * is built, so that its bean exists.
     */
    Optional<String> clientName();
}
