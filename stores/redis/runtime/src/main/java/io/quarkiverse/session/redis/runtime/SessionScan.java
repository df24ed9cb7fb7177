package io.quarkiverse.session.redis.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionSummary;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Lists sessions a page at a time, and deletes them all, with {@code SCAN} and its cursor, never {@code KEYS}, which would
 * block Redis for as long as it walks every key.
 * <p>
 * {@code SCAN} walks one server. On Redis Cluster, whose client sends a command without keys to any node, each master
 * is walked in turn, in the order of its first slot, by a script that runs {@code SCAN} there: the script names a key
 * of that master's slots only to be routed to it. The listing's cursor is the position in that walk: the master (on a
 * cluster), the {@code SCAN} cursor, and the sessions of the last batch that did not fit in the page, since a batch may
 * hold more sessions than a page and is never read twice. {@code SCAN} may list a key twice while Redis resizes its table, and
 * a cluster being
 * resharded may move keys under a walk: the listing is for tools, not for counting.
 */
final class SessionScan {

    /** The keys {@code SCAN} looks at per call: fixed, so that a batch read again from the same cursor is the same. */
    private static final int SCAN_COUNT = 100;
    /** At most this many {@code SCAN} calls per page: a page in a database of other keys may end with fewer sessions. */
    private static final int MAX_SCANS_PER_PAGE = 50;
    private static final int SLOTS = 16384;
    /**
     * Deletes sent at once by {@link #deleteAll}: enough to overlap round trips, few enough to stay within the client's
     * pool and its queue of waiting requests (6 and 24 by default), which the application's requests share.
     */
    private static final int DELETES_IN_FLIGHT = 4;
    private static final RedisScript SCAN_HERE = new RedisScript(
            "return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])");

    private final RedisSessionStore store;
    private final String keyPrefix;
    private final String pattern;
    private final boolean cluster;

    SessionScan(RedisSessionStore store, String keyPrefix, boolean cluster) {
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.pattern = escapeGlob(keyPrefix) + "*";
        this.cluster = cluster;
    }

    Uni<SessionPage> page(String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A page holds at least one session, got a limit of " + limit);
        }
        Position start = Position.parse(cursor);
        Uni<List<String>> routes = cluster ? masterRoutes() : Uni.createFrom().item(List.of(""));
        return routes.flatMap(nodes -> collect(nodes, start, limit, new ArrayList<>(limit), 0))
                .flatMap(keys -> summaries(keys.keys).map(summaries -> new SessionPage(summaries, keys.next)));
    }

    private record Keys(List<SessionKey> keys, String next) {
    }

    /**
     * Adds to {@code keys} the sessions still pending from the last batch, then those of further batches, until the page
     * is full, the walk is over, or it has taken {@link #MAX_SCANS_PER_PAGE} scans. The sessions of a batch that do not
     * fit in the page go into the cursor: a batch is never read twice, since {@code SCAN} may answer the same cursor
     * with other keys once Redis has resized its table.
     */
    private Uni<Keys> collect(List<String> routes, Position at, int limit, List<SessionKey> keys, int scans) {
        int room = limit - keys.size();
        if (at.pending.size() > room) {
            keys.addAll(at.pending.subList(0, room));
            return Uni.createFrom().item(new Keys(keys,
                    new Position(at.node, at.cursor, at.pending.subList(room, at.pending.size())).toString()));
        }
        keys.addAll(at.pending);
        Position from = new Position(at.node, at.cursor, List.of());
        if (from.node >= routes.size()) {
            return Uni.createFrom().item(new Keys(keys, null));
        }
        if (keys.size() == limit || scans >= MAX_SCANS_PER_PAGE) {
            return Uni.createFrom().item(new Keys(keys, from.toString()));
        }
        return scan(routes.get(from.node), from.cursor).flatMap(batch -> {
            String nextCursor = batch.get(0).toString();
            List<SessionKey> found = sessionKeys(batch.get(1));
            Position next = "0".equals(nextCursor) ? new Position(from.node + 1, "0", found)
                    : new Position(from.node, nextCursor, found);
            return collect(routes, next, limit, keys, scans + 1);
        });
    }

    private Uni<Response> scan(String route, String cursor) {
        if (!cluster) {
            return store.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_COUNT));
        }
        return store.run(SCAN_HERE, route, List.of(cursor, pattern, Long.toString(SCAN_COUNT)));
    }

    /**
     * Deletes every session the walk finds, batch after batch: each session of a batch with {@code delete}, its own
     * command on its own key, so that on a cluster each goes to the node of its slot. A batch is scanned only once the
     * deletes of the previous one have answered, at most {@link #DELETES_IN_FLIGHT} at once; the batches are walked by
     * repetition, not by nesting one {@link Uni} in the next, so a million sessions need no deeper stack than ten.
     * {@code SCAN} returns every key that exists from the start of the walk to its end, so deleting behind it loses none;
     * a session created meanwhile, or moved by a resharding of the cluster, may be missed.
     */
    Uni<Integer> deleteAll() {
        Uni<List<String>> routes = cluster ? masterRoutes() : Uni.createFrom().item(List.of(""));
        return routes.flatMap(nodes -> {
            Wipe wipe = new Wipe(nodes);
            return Multi.createBy().repeating().uni(() -> wipe, this::deleteNextBatch).whilst(ignored -> !wipe.done)
                    .collect().last().map(ignored -> wipe.deleted);
        });
    }

    private Uni<Integer> deleteNextBatch(Wipe wipe) {
        if (wipe.node >= wipe.routes.size()) {
            wipe.done = true;
            return Uni.createFrom().item(wipe.deleted);
        }
        return scan(wipe.routes.get(wipe.node), wipe.cursor).flatMap(batch -> {
            String next = batch.get(0).toString();
            if ("0".equals(next)) {
                wipe.node++;
            }
            wipe.cursor = next;
            wipe.done = wipe.node >= wipe.routes.size();
            List<Uni<Boolean>> deletes = new ArrayList<>();
            for (SessionKey key : sessionKeys(batch.get(1))) {
                // Deferred, so that no more than DELETES_IN_FLIGHT are sent at once.
                deletes.add(Uni.createFrom().deferred(() -> store.delete(key)));
            }
            return Uni.join().all(deletes).usingConcurrencyOf(DELETES_IN_FLIGHT).andFailFast().map(answers -> {
                for (Boolean deleted : answers) {
                    if (deleted) {
                        wipe.deleted++;
                    }
                }
                return wipe.deleted;
            });
        });
    }

    /** Where a {@link #deleteAll} is: the master node, its {@code SCAN} cursor, and the sessions deleted so far. */
    private static final class Wipe {

        private final List<String> routes;
        private int node;
        private String cursor = "0";
        private boolean done;
        private int deleted;

        Wipe(List<String> routes) {
            this.routes = routes;
        }
    }

    private List<SessionKey> sessionKeys(Response names) {
        List<SessionKey> keys = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).toString();
            String hex = name.substring(Math.min(keyPrefix.length(), name.length()));
            if (name.startsWith(keyPrefix) && hex.length() == 64 && hex.chars().allMatch(HexFormat::isHexDigit)) {
                keys.add(SessionKey.ofHex(hex));
            }
        }
        return keys;
    }

    private Uni<List<SessionSummary>> summaries(List<SessionKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<SessionSummary>> loads = new ArrayList<>(keys.size());
        for (SessionKey key : keys) {
            loads.add(store.send(Request.cmd(Command.HGETALL).arg(store.redisKey(key)))
                    .map(hash -> SessionHash.toSummary(key, hash)));
        }
        // A session deleted or moved since the scan has no summary: it is left out.
        return Uni.join().all(loads).andFailFast().map(all -> all.stream().filter(Objects::nonNull).toList());
    }

    /**
     * One key per master node of the cluster, in the order of the nodes' first slots, for {@link #SCAN_HERE} to be sent
     * there.
     */
    private Uni<List<String>> masterRoutes() {
        return store.send(Request.cmd(Command.CLUSTER).arg("SLOTS")).map(slots -> {
            // master endpoint -> its first slot, and which master owns each slot
            Map<String, Integer> firstSlots = new LinkedHashMap<>();
            String[] owners = new String[SLOTS];
            for (int i = 0; i < slots.size(); i++) {
                Response range = slots.get(i);
                int from = range.get(0).toLong().intValue();
                int to = range.get(1).toLong().intValue();
                String master = range.get(2).get(0).toString() + ":" + range.get(2).get(1).toString();
                firstSlots.merge(master, from, Math::min);
                Arrays.fill(owners, from, to + 1, master);
            }
            List<String> masters = firstSlots.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).toList();
            Map<String, String> routes = new LinkedHashMap<>();
            for (int n = 0; routes.size() < masters.size() && n < 1_000_000; n++) {
                String tag = Integer.toString(n);
                String owner = owners[slot(tag)];
                if (owner != null) {
                    // The hash tag decides the slot: the key lands on the slot of the tag, whatever follows it.
                    routes.putIfAbsent(owner, "{" + tag + "}" + keyPrefix + "scan");
                }
            }
            return masters.stream().map(routes::get).filter(Objects::nonNull).toList();
        });
    }

    /** The cluster slot of a key without hash tag: CRC16 (XMODEM) of its bytes, modulo the number of slots. */
    static int slot(String key) {
        int crc = 0;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return (crc & 0xFFFF) % SLOTS;
    }

    private static String escapeGlob(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 4);
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * Where a listing goes on: the master node (0 on a standalone server), its {@code SCAN} cursor, and the sessions of
     * the last batch that did not fit in the previous page, listed before that cursor is scanned.
     */
    private record Position(int node, String cursor, List<SessionKey> pending) {

        static Position parse(String cursor) {
            if (cursor == null) {
                return new Position(0, "0", List.of());
            }
            String[] parts = cursor.split("\\.", -1);
            try {
                if (parts.length == 3 && parts[1].chars().allMatch(Character::isDigit)) {
                    List<SessionKey> pending = new ArrayList<>();
                    for (String hex : parts[2].isEmpty() ? new String[0] : parts[2].split("-")) {
                        pending.add(SessionKey.ofHex(hex));
                    }
                    return new Position(Integer.parseInt(parts[0]), parts[1], pending);
                }
            } catch (IllegalArgumentException e) {
                // Reported below (NumberFormatException is one too).
            }
            throw new IllegalArgumentException("Not a cursor of the Redis session store's listing");
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(node).append('.').append(cursor).append('.');
            for (int i = 0; i < pending.size(); i++) {
                text.append(i == 0 ? "" : "-").append(pending.get(i).toHex());
            }
            return text.toString();
        }
    }
}
