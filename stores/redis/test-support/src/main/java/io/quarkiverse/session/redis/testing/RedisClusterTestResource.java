package io.quarkiverse.session.redis.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a three-master {@link RedisClusterProcess} for a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} and
 * points the Redis client at it, with its Dev Services off: {@code quarkus.redis.hosts} lists the three nodes,
 * {@code quarkus.redis.client-type=cluster}, {@code quarkus.redis.devservices.enabled=false}. Fields annotated
 * {@link InjectRedis} of type {@link RedisClusterProcess} receive the cluster.
 * <p>
 * Init arg {@value RedisTestResource#CLIENT_NAME} {@code =<name>} configures the named client
 * {@code quarkus.redis.<name>.*} instead of the default one.
 * <p>
 * Also set {@code quarkus.redis.devservices.enabled=false} in the tests' {@code application.properties}: Dev Services
 * are decided at build time, before this resource's config is seen, and would otherwise look for a container runtime.
 */
public class RedisClusterTestResource implements QuarkusTestResourceLifecycleManager {

    private String clientName;
    private RedisClusterProcess cluster;

    @Override
    public void init(Map<String, String> initArgs) {
        clientName = initArgs.get(RedisTestResource.CLIENT_NAME);
    }

    @Override
    public Map<String, String> start() {
        cluster = RedisClusterProcess.start();
        return RedisTestResource.redisClientConfig(clientName, cluster.hosts(), true);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(cluster,
                new TestInjector.AnnotatedAndMatchesType(InjectRedis.class, RedisClusterProcess.class));
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
