package io.quarkiverse.session.it;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.redis.testing.InjectRedis;
import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** Two instances of the packaged application sharing one standalone Redis: see {@link TwoInstancesOnOneStore}. */
@QuarkusIntegrationTest
@TestProfile(RedisStoreProfile.class)
class RedisTwoInstancesIT {

    @InjectRedis
    RedisServerProcess redis;

    @Test
    void sessionIsSharedBetweenTwoInstances() throws Exception {
        TwoInstancesOnOneStore.sessionIsSharedBetweenTwoInstances("redis", List.of("-Dquarkus.redis.hosts=" + redis.uri()));
    }
}
