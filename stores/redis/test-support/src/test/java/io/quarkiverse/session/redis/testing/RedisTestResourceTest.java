package io.quarkiverse.session.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;

/**
 * The resources as Quarkus' test framework drives them: init, start, inject into the test instance, stop. The
 * injector sets every field the predicate accepts, as Quarkus' own does.
 */
class RedisTestResourceTest {

    static class StandaloneTest {
        @InjectRedis
        RedisServerProcess redis;
        RedisServerProcess notAnnotated;
        @InjectRedis
        RedisClusterProcess otherType;
    }

    static class ClusterTest {
        @InjectRedis
        RedisClusterProcess cluster;
        @InjectRedis
        RedisServerProcess otherType;
    }

    @Test
    void standaloneResourceConfiguresTheDefaultClientAndInjectsTheServer() {
        RedisTestResource resource = new RedisTestResource();
        resource.init(Map.of(RedisTestResource.PERSISTENT, "true"));
        Map<String, String> config = resource.start();
        StandaloneTest test = new StandaloneTest();
        try {
            resource.inject(injectorFor(test));

            assertEquals(Map.of("quarkus.redis.hosts", test.redis.uri(), "quarkus.redis.client-type", "standalone",
                    "quarkus.redis.devservices.enabled", "false"), config);
            assertNull(test.notAnnotated);
            assertNull(test.otherType);
            try (RedisCommands redis = test.redis.connect()) {
                redis.command("SET", "k", "v");
            }
            test.redis.restart();
            try (RedisCommands redis = test.redis.connect()) {
                assertEquals("v", redis.command("GET", "k"), "init arg persistent=true");
            }
        } finally {
            resource.stop();
        }
        assertFalse(test.redis.isRunning());
        assertThrows(UncheckedIOException.class, test.redis::connect);
    }

    @Test
    void namedClientIsConfiguredUnderItsName() {
        RedisTestResource resource = new RedisTestResource();
        resource.init(Map.of(RedisTestResource.CLIENT_NAME, "sessions"));
        try {
            Map<String, String> config = resource.start();

            assertEquals(Map.of("quarkus.redis.sessions.hosts", config.get("quarkus.redis.sessions.hosts"),
                    "quarkus.redis.sessions.client-type", "standalone",
                    "quarkus.redis.sessions.devservices.enabled", "false",
                    "quarkus.redis.devservices.enabled", "false"), config);
        } finally {
            resource.stop();
        }
    }

    @Test
    void clusterResourceConfiguresAClusterClientAndInjectsTheCluster() {
        RedisClusterTestResource resource = new RedisClusterTestResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        ClusterTest test = new ClusterTest();
        try {
            resource.inject(injectorFor(test));

            assertEquals(Map.of("quarkus.redis.hosts", test.cluster.hosts(), "quarkus.redis.client-type", "cluster",
                    "quarkus.redis.devservices.enabled", "false"), config);
            assertNull(test.otherType);
        } finally {
            resource.stop();
        }
        test.cluster.nodes().forEach(node -> assertFalse(node.isRunning()));
    }

    private static TestInjector injectorFor(Object testInstance) {
        return new TestInjector() {
            @Override
            public void injectIntoFields(Object value, Predicate<Field> predicate) {
                for (Field field : testInstance.getClass().getDeclaredFields()) {
                    if (predicate.test(field)) {
                        try {
                            field.setAccessible(true);
                            field.set(testInstance, value);
                        } catch (IllegalAccessException e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            }
        };
    }
}
