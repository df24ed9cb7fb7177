package io.quarkiverse.session.redis.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a standalone {@link RedisServerProcess} for a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} and
 * points the Redis client at it, with its Dev Services off:
 * {@code quarkus.redis.hosts=redis://127.0.0.1:<port>}, {@code quarkus.redis.client-type=standalone},
 * {@code quarkus.redis.devservices.enabled=false}. Fields
 * annotated {@link InjectRedis} of type {@link RedisServerProcess} receive the server.
 * <p>
 * Init args ({@code @ResourceArg}): {@value #PERSISTENT} {@code =true} keeps the data across
 * {@link RedisServerProcess#stop()} and {@link RedisServerProcess#restart()} (for outage tests);
 * {@value #CLIENT_NAME} {@code =<name>} configures the named client {@code quarkus.redis.<name>.*} instead of the
 * default one.
 * <p>
 * Also set {@code quarkus.redis.devservices.enabled=false} in the tests' {@code application.properties}: Dev Services
 * are decided at build time, before this resource's config is seen, and would otherwise look for a container runtime.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code true} for a server whose data survives a restart. Default {@code false}. */
    public static final String PERSISTENT = "persistent";
    /** Init arg: the name of the Redis client to configure. Default: the default client. */
    public static final String CLIENT_NAME = "client-name";

    private boolean persistent;
    private String clientName;
    private RedisServerProcess server;

    @Override
    public void init(Map<String, String> initArgs) {
        persistent = Boolean.parseBoolean(initArgs.getOrDefault(PERSISTENT, "false"));
        clientName = initArgs.get(CLIENT_NAME);
    }

    @Override
    public Map<String, String> start() {
        server = RedisServerProcess.builder().persistent(persistent).start();
        return redisClientConfig(clientName, server.uri(), false);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectRedis.class, RedisServerProcess.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * The Redis client's config for {@code hosts}: of the default client when {@code clientName} is null, else of the
     * named one; its client type; Dev Services off for both, since the test brings its own Redis.
     */
    static Map<String, String> redisClientConfig(String clientName, String hosts, boolean cluster) {
        String prefix = clientName == null || clientName.isBlank() ? "quarkus.redis." : "quarkus.redis." + clientName + ".";
        Map<String, String> config = new HashMap<>();
        config.put(prefix + "hosts", hosts);
        // Always set, standalone too: a @QuarkusIntegrationTest launches the application with the properties of the
        // test resources of earlier profiles as well, so a cluster profile's client-type would otherwise stay in force.
        config.put(prefix + "client-type", cluster ? "cluster" : "standalone");
        config.put("quarkus.redis.devservices.enabled", "false");
        config.put(prefix + "devservices.enabled", "false");
        return config;
    }
}
