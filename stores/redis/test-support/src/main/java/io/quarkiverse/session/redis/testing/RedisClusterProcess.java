package io.quarkiverse.session.redis.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters (no replicas) on 127.0.0.1, each a {@link RedisServerProcess} in cluster mode
 * ({@code --cluster-enabled yes --cluster-node-timeout 2000}), put together as {@code redis-cli --cluster create} does:
 * distinct config epochs, {@code CLUSTER ADDSLOTS} (Redis 6.2 has no {@code ADDSLOTSRANGE}), {@code CLUSTER MEET}.
 * <p>
 * Invariants: node {@code i} owns the {@code i}-th third of the 16384 slots and nothing ever moves them, so
 * {@link #nodeFor(String)} needs no round trip; {@link #start()} returns only when every node reports
 * {@code cluster_state:ok} with all 16384 slots assigned and all three nodes known, so a Redis client pointed at
 * {@link #hosts()} finds a complete cluster. Each node's port and its cluster bus port (port + 10000) were free.
 * Thread-safe as its nodes are.
 */
public final class RedisClusterProcess implements AutoCloseable {

    /** The number of hash slots of every Redis Cluster. */
    public static final int SLOTS = 16384;

    private static final int MASTERS = 3;
    private static final int SLOTS_PER_ADDSLOTS = 1000;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServerProcess> nodes;

    private RedisClusterProcess(List<RedisServerProcess> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Starts three nodes, assigns the slots, joins them and waits until the cluster is ok.
     *
     * @throws IllegalStateException if a node does not come up or the cluster does not converge; nothing is left
     *         running then
     */
    public static RedisClusterProcess start() {
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < MASTERS; i++) {
                nodes.add(RedisServerProcess.builder().clusterNode().start());
            }
            RedisClusterProcess cluster = new RedisClusterProcess(nodes);
            cluster.create();
            cluster.awaitClusterOk(READY_TIMEOUT);
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServerProcess::close);
            throw e;
        }
    }

    /** The three nodes, in the order of the slots they own: stop or restart one for an outage test. */
    public List<RedisServerProcess> nodes() {
        return nodes;
    }

    /**
     * {@code redis://127.0.0.1:p1,redis://127.0.0.1:p2,redis://127.0.0.1:p3}, the value for {@code quarkus.redis.hosts}
     * with {@code quarkus.redis.client-type=cluster}.
     */
    public String hosts() {
        return nodes.stream().map(RedisServerProcess::uri).collect(Collectors.joining(","));
    }

    /** The node that owns the key's slot, where a command on the key runs without a {@code MOVED} redirect. */
    public RedisServerProcess nodeFor(String key) {
        return nodes.get(ownerOf(slot(key)));
    }

    /**
     * The key's hash slot, as {@code CLUSTER KEYSLOT} computes it: CRC16 (XMODEM) of the key, or of its hash tag (the
     * part between the first <code>{</code> and the next <code>}</code> if not empty), modulo 16384.
     */
    public static int slot(String key) {
        byte[] bytes = key.getBytes(UTF_8);
        int start = 0;
        int end = bytes.length;
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                start = open + 1;
                end = close;
            }
        }
        return crc16(bytes, start, end) % SLOTS;
    }

    /** The keys matching a glob pattern on all nodes, found with {@code SCAN}, sorted. */
    public List<String> scanKeys(String pattern) {
        TreeSet<String> keys = new TreeSet<>();
        for (RedisServerProcess node : nodes) {
            try (RedisCommands commands = node.connect()) {
                keys.addAll(commands.scanKeys(pattern));
            }
        }
        return List.copyOf(keys);
    }

    /** {@code INFO commandstats} of all nodes, calls summed per command; see {@link RedisCommands#commandStats()}. */
    public Map<String, Long> commandStats() {
        Map<String, Long> calls = new TreeMap<>();
        for (RedisServerProcess node : nodes) {
            try (RedisCommands commands = node.connect()) {
                commands.commandStats().forEach((command, count) -> calls.merge(command, count, Long::sum));
            }
        }
        return calls;
    }

    /** {@code FLUSHALL} on every node. */
    public void flushAll() {
        for (RedisServerProcess node : nodes) {
            try (RedisCommands commands = node.connect()) {
                commands.flushAll();
            }
        }
    }

    /**
     * Waits until every node reports {@code cluster_state:ok}, all 16384 slots assigned and all nodes known: after
     * {@link #start()} and after a stopped node was restarted (it rejoins from its {@code nodes-<port>.conf}).
     *
     * @throws IllegalStateException if that does not happen in time; the message holds each node's {@code CLUSTER INFO}
     */
    public void awaitClusterOk(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> problems = new ArrayList<>();
            for (RedisServerProcess node : nodes) {
                String problem = clusterProblem(node);
                if (problem != null) {
                    problems.add(node.port() + ": " + problem);
                }
            }
            if (problems.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster not ok within " + timeout.toSeconds() + " s:\n"
                        + String.join("\n", problems));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the Redis Cluster", e);
            }
        }
    }

    /** Stops and deletes every node; never fails. */
    @Override
    public void close() {
        nodes.forEach(RedisServerProcess::close);
    }

    @Override
    public String toString() {
        return "Redis Cluster " + hosts();
    }

    private void create() {
        for (int i = 0; i < nodes.size(); i++) {
            try (RedisCommands commands = nodes.get(i).connect()) {
                // Distinct epochs before the nodes meet, as redis-cli does, so that no epoch collision must be resolved.
                commands.command("CLUSTER", "SET-CONFIG-EPOCH", String.valueOf(i + 1));
                int first = firstSlotOf(i);
                int last = firstSlotOf(i + 1) - 1;
                for (int from = first; from <= last; from += SLOTS_PER_ADDSLOTS) {
                    List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                    for (int slot = from; slot <= Math.min(last, from + SLOTS_PER_ADDSLOTS - 1); slot++) {
                        command.add(String.valueOf(slot));
                    }
                    commands.command(command.toArray(String[]::new));
                }
            }
        }
        try (RedisCommands first = nodes.get(0).connect()) {
            for (RedisServerProcess other : nodes.subList(1, nodes.size())) {
                first.command("CLUSTER", "MEET", "127.0.0.1", String.valueOf(other.port()));
            }
        }
    }

    private int ownerOf(int slot) {
        int owner = 0;
        while (owner + 1 < nodes.size() && firstSlotOf(owner + 1) <= slot) {
            owner++;
        }
        return owner;
    }

    private int firstSlotOf(int node) {
        return node * SLOTS / nodes.size();
    }

    private String clusterProblem(RedisServerProcess node) {
        String info;
        try (RedisCommands commands = node.connect()) {
            info = (String) commands.command("CLUSTER", "INFO");
        } catch (UncheckedIOException | RedisErrorReply e) {
            return e.getMessage();
        }
        boolean ok = info.contains("cluster_state:ok")
                && info.contains("cluster_slots_assigned:" + SLOTS)
                && info.contains("cluster_known_nodes:" + nodes.size() + "\r");
        return ok ? null : info.replace("\r\n", " ").trim();
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int crc16(byte[] bytes, int start, int end) {
        int crc = 0;
        for (int i = start; i < end; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
