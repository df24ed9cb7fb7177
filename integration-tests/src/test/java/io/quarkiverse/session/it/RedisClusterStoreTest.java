package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.redis.testing.InjectRedis;
import io.quarkiverse.session.redis.testing.RedisClusterProcess;
import io.quarkiverse.session.redis.testing.RedisCommands;
import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every scenario of the demo shop on a real three-master Redis Cluster, and what the cluster's nodes hold: a session
 * regenerated into a slot of another node is found there and nowhere under its old key; 32 parallel writers of one
 * session all survive; the listing walks every master and lists each session once, across pages.
 */
@QuarkusTest
@TestProfile(RedisClusterStoreProfile.class)
class RedisClusterStoreTest extends SessionLifecycleTest {

    @Override
    String storeName() {
        return "redis";
    }

    private static final int WRITERS = 32;

    @InjectRedis
    RedisClusterProcess cluster;

    @Test
    void regenerateMovesTheSessionToAKeyOnAnotherNode() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            String id = newSession();
            String regenerated = SessionCookies.issuedId(given().cookie(SessionCookies.NAME, id).post("/probe/regenerate"));
            RedisServerProcess oldNode = cluster.nodeFor(key(id));
            RedisServerProcess newNode = cluster.nodeFor(key(regenerated));
            if (oldNode == newNode) {
                continue;
            }
            assertNotSame(oldNode, newNode);
            try (RedisCommands there = newNode.connect(); RedisCommands before = oldNode.connect()) {
                assertEquals("hash", there.command("TYPE", key(regenerated)), "the session is on the new key's node");
                assertEquals(0L, before.command("EXISTS", key(id)), "nothing is left under the old key");
            }
            assertEquals(List.of(key(regenerated)),
                    cluster.scanKeys(key(regenerated)), "one copy, on the new key's node");
            given().cookie(SessionCookies.NAME, regenerated).get("/probe/value?key=seed").then().body(equalTo("1"));
            given().cookie(SessionCookies.NAME, id).get("/probe").then().body("isNew", is(true));
            return;
        }
        throw new AssertionError("20 regenerations all stayed on their node: three masters would make that unlikely");
    }

    @Test
    void destroyDeletesTheKeyOnItsNode() throws Exception {
        String id = newSession();
        try (RedisCommands node = cluster.nodeFor(key(id)).connect()) {
            assertEquals(1L, node.command("EXISTS", key(id)));
            given().cookie(SessionCookies.NAME, id).post("/probe/destroy").then().statusCode(200);
            assertEquals(0L, node.command("EXISTS", key(id)));
        }
    }

    @Test
    void thirtyTwoParallelWritersOfOneSessionAllSurvive() {
        String id = newSession();
        ExecutorService clients = Executors.newFixedThreadPool(WRITERS);
        try {
            List<CompletableFuture<Integer>> puts = IntStream.range(0, WRITERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().cookie(SessionCookies.NAME, id)
                            .post("/probe/put?key=w" + i + "&value=" + i).statusCode(), clients))
                    .toList();
            puts.forEach(put -> assertEquals(200, put.join()));
        } finally {
            clients.shutdownNow();
        }
        List<String> expected = new ArrayList<>(IntStream.range(0, WRITERS).mapToObj(i -> "w" + i).toList());
        expected.add("seed");
        List<String> keys = given().cookie(SessionCookies.NAME, id).get("/probe").jsonPath().getList("keys");
        assertEquals(expected.stream().sorted().toList(), keys);
    }

    @Test
    void listingWalksEveryMasterAndListsEachSessionOnceAcrossPages() {
        // Sessions until every master holds at least three, so that pages of two end inside every node's walk.
        for (int created = 0; cluster.nodes().stream().anyMatch(node -> sessionsOn(node) < 3); created++) {
            assertTrue(created < 200, "200 sessions did not reach every master");
            newSession();
        }
        List<String> listed = List.of(given().get("/store/keys?pageSize=2").asString().split("\n"));
        Set<String> held = new HashSet<>();
        for (String key : cluster.scanKeys("session:*")) {
            if (isSessionKey(key)) {
                held.add(key.substring("session:".length()));
            }
        }
        assertEquals(listed.size(), new HashSet<>(listed).size(), "a session listed twice");
        assertEquals(held, new HashSet<>(listed), "the listing is what the three masters hold");
    }

    private static long sessionsOn(RedisServerProcess node) {
        try (RedisCommands commands = node.connect()) {
            return commands.scanKeys("session:*").stream().filter(RedisClusterStoreTest::isSessionKey).count();
        }
    }

    /** A session's key, not a principal's index (see the Redis store's docs). */
    private static boolean isSessionKey(String key) {
        return key.matches("session:[0-9a-f]{64}");
    }

    private static String key(String id) throws Exception {
        return "session:" + sha256Hex(id);
    }
}
