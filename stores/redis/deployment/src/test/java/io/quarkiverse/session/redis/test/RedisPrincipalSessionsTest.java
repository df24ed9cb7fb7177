package io.quarkiverse.session.redis.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkiverse.session.redis.testing.SharedRedisServers;
import io.quarkiverse.session.test.principal.PrincipalSessionsContract;
import io.quarkus.test.QuarkusUnitTest;

/**
 * "Log out everywhere" through HTTP on the Redis store, on a real redis-server: the devices of a user come from their
 * principal's index (see {@link PrincipalSessionsContract}).
 */
class RedisPrincipalSessionsTest extends PrincipalSessionsContract {

    /** As {@link RedisApps#server}, which the application's archive does not hold. */
    static final RedisServerProcess REDIS = SharedRedisServers.get("RedisPrincipalSessionsTest",
            () -> RedisServerProcess.builder().persistent(true).start());

    @RegisterExtension
    static final QuarkusUnitTest APP = application("quarkus.session.store=redis\n")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.redis.hosts", REDIS.uri())
            .overrideConfigKey("quarkus.http.test-port", "0");

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }
}
