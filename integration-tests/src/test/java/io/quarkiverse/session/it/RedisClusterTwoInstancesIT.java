package io.quarkiverse.session.it;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.redis.testing.InjectRedis;
import io.quarkiverse.session.redis.testing.RedisClusterProcess;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** Two instances of the packaged application sharing one Redis Cluster: see {@link TwoInstancesOnOneStore}. */
@QuarkusIntegrationTest
@TestProfile(RedisClusterStoreProfile.class)
class RedisClusterTwoInstancesIT {

    @InjectRedis
    RedisClusterProcess cluster;

    @Test
    void sessionIsSharedBetweenTwoInstances() throws Exception {
        TwoInstancesOnOneStore.sessionIsSharedBetweenTwoInstances("redis",
                List.of("-Dquarkus.redis.hosts=" + cluster.hosts(), "-Dquarkus.redis.client-type=cluster"));
    }
}
