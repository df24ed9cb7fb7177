package io.quarkiverse.session.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisClusterProcessTest {

    private static final List<String> KEYS = List.of("session:0a1b", "session:ff00", "foo", "{user1000}.following",
            "{user1000}.followers", "{}empty-tag", "a{}b{c}", "ünïcödé", "");

    private static RedisClusterProcess cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void everyNodeSeesAnOkClusterWithAllSlotsAndThreeMasters() {
        for (RedisServerProcess node : cluster.nodes()) {
            try (RedisCommands redis = node.connect()) {
                String info = (String) redis.command("CLUSTER", "INFO");
                assertTrue(info.contains("cluster_state:ok\r\n"), info);
                assertTrue(info.contains("cluster_slots_assigned:16384\r\n"), info);
                assertTrue(info.contains("cluster_size:3\r\n"), info);
                assertEquals(3, ((List<?>) redis.command("CLUSTER", "SLOTS")).size());
            }
        }
    }

    @Test
    void hostsListTheThreeNodes() {
        String expected = cluster.nodes().stream().map(node -> "redis://127.0.0.1:" + node.port())
                .collect(Collectors.joining(","));

        assertEquals(expected, cluster.hosts());
        assertEquals(3, Set.copyOf(List.of(cluster.hosts().split(","))).size());
    }

    @Test
    void slotIsTheOneRedisComputes() {
        assertEquals(12182, RedisClusterProcess.slot("foo"));
        try (RedisCommands redis = cluster.nodes().get(0).connect()) {
            for (String key : KEYS) {
                assertEquals(redis.command("CLUSTER", "KEYSLOT", key), (long) RedisClusterProcess.slot(key), key);
            }
        }
    }

    @Test
    void keySetOnItsOwnerIsReadFromItAndRedirectedElsewhere() {
        Set<Integer> owners = new HashSet<>();
        for (String key : KEYS) {
            RedisServerProcess owner = cluster.nodeFor(key);
            owners.add(owner.port());
            try (RedisCommands redis = owner.connect()) {
                assertEquals("OK", redis.command("SET", key, "value of " + key));
                assertEquals("value of " + key, redis.command("GET", key));
            }
            for (RedisServerProcess other : cluster.nodes()) {
                if (other != owner) {
                    try (RedisCommands redis = other.connect()) {
                        RedisErrorReply moved = assertThrows(RedisErrorReply.class, () -> redis.command("GET", key));
                        assertEquals("MOVED " + RedisClusterProcess.slot(key) + " 127.0.0.1:" + owner.port(), moved.reply());
                    }
                }
            }
        }
        assertEquals(3, owners.size(), "the keys span all three nodes");
        assertTrue(cluster.scanKeys("*").containsAll(KEYS));
    }

    @Test
    void nodeForKnowsTheOwnerOfEverySlotAtTheEdgesOfTheThreeRanges() {
        for (int slot : new int[] { 0, 5460, 5461, 10921, 10922, 16383 }) {
            String key = keyInSlot(slot);
            try (RedisCommands redis = cluster.nodeFor(key).connect()) {
                assertEquals("OK", redis.command("SET", key, "v"), "slot " + slot);
            }
        }
    }

    @Test
    void restartedNodeRejoinsWithItsSlots() {
        RedisServerProcess node = cluster.nodes().get(1);
        String key = keyInSlot(8000);

        node.stop();
        node.restart();
        cluster.awaitClusterOk(Duration.ofSeconds(20));

        try (RedisCommands redis = node.connect()) {
            assertEquals("OK", redis.command("SET", key, "after restart"));
        }
    }

    @Test
    void commandStatsAreSummedOverTheNodes() {
        long before = cluster.commandStats().getOrDefault("pttl", 0L);
        for (String key : KEYS) {
            try (RedisCommands redis = cluster.nodeFor(key).connect()) {
                redis.command("PTTL", key);
            }
        }

        assertEquals(before + KEYS.size(), cluster.commandStats().get("pttl"));
    }

    private static String keyInSlot(int slot) {
        for (int i = 0;; i++) {
            if (RedisClusterProcess.slot("key:" + i) == slot) {
                return "key:" + i;
            }
        }
    }
}
