package org.acme.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * A complete session store over a {@link ConcurrentHashMap}, written to show every rule of the SPI; an application
 * bean implementing {@link SessionStore} replaces the built-in store.
 * <p>
 * Invariants: a stored {@link Stored} is never modified, only replaced, so a reader never sees half an update; every
 * change of one session is one atomic call on the map ({@code computeIfPresent}, {@code remove},
 * {@code remove(key, value)}), so concurrent updates of different values all survive and an update never creates a
 * session. Nothing blocks: every operation is a few map operations in the heap, done when the {@link Uni} is
 * subscribed.
 */
@ApplicationScoped
public class MapSessionStore implements SessionStore {

    private final ConcurrentHashMap<SessionKey, Stored> sessions = new ConcurrentHashMap<>();

    /** One session as stored: its times and its values, each value the UTF-8 JSON the extension encoded. */
    private record Stored(Instant createdAt, Instant lastAccessedAt, Duration idleTimeout, Instant expiresAt,
            Map<String, byte[]> values) {

        /** A new session with the changes of one request applied: its puts and removals key by key, its times. */
        Stored with(SessionUpdate update) {
            Map<String, byte[]> merged = new HashMap<>(values);
            merged.keySet().removeAll(update.removals());
            merged.putAll(update.puts());
            // A time the update does not set (null) keeps the stored one.
            return new Stored(createdAt, orElse(update.lastAccessedAt(), lastAccessedAt),
                    orElse(update.idleTimeout(), idleTimeout), orElse(update.expiresAt(), expiresAt), Map.copyOf(merged));
        }

        private static <T> T orElse(T value, T otherwise) {
            return value != null ? value : otherwise;
        }
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return Uni.createFrom().item(() -> {
            Stored stored = sessions.get(key);
            // A null item when there is none; an expired session may be returned: the extension checks expiry itself.
            return stored == null ? null
                    : new SessionRecord(stored.createdAt(), stored.lastAccessedAt(), stored.idleTimeout(),
                            stored.expiresAt(), stored.values());
        });
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return Uni.createFrom().item(() -> {
            // Never over another session: a new ID that is already in use (a generator that repeats) must fail.
            if (sessions.putIfAbsent(key, new Stored(session.createdAt(), session.lastAccessedAt(),
                    session.idleTimeout(), session.expiresAt(), Map.copyOf(session.values()))) != null) {
                throw new SessionStoreException("A session already exists under the new key " + key.shortHash());
            }
            return null;
        });
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        // computeIfPresent merges under the map's lock of this key, and does nothing when there is no session: a late
        // save of a session that was deleted or moved meanwhile returns false and brings nothing back.
        return Uni.createFrom().item(() -> sessions.computeIfPresent(key, (k, stored) -> stored.with(update)) != null);
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return Uni.createFrom().item(() -> {
            if (sessions.containsKey(to)) {
                throw new SessionStoreException("A session already exists under the new key " + to.shortHash());
            }
            // Gone from the old key first: from here on an update of it finds nothing. An update that came before the
            // removal is in what was removed, so the move takes it along.
            Stored moved = sessions.remove(from);
            if (moved == null) {
                return false;
            }
            if (sessions.putIfAbsent(to, moved) != null) {
                // Taken meanwhile: the session stays where it was, and the move fails.
                sessions.put(from, moved);
                throw new SessionStoreException("A session already exists under the new key " + to.shortHash());
            }
            return true;
        });
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return Uni.createFrom().item(() -> sessions.remove(key) != null);
    }

    /**
     * Pages through the sessions in the order of their keys' hex; the cursor is the last key of the previous page, so
     * it stays valid when sessions are created or deleted between pages (which the default {@code deleteAll()}, built
     * on this listing and {@code delete}, relies on). Sorting every key per page is fine for a few thousand sessions;
     * a store of many keeps them ordered (a database index, a sorted set).
     */
    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        if (limit < 1) {
            return Uni.createFrom().failure(new IllegalArgumentException("limit must be positive, got " + limit));
        }
        return Uni.createFrom().item(() -> {
            List<SessionKey> keys = sessions.keySet().stream()
                    .filter(key -> cursor == null || key.toHex().compareTo(cursor) > 0)
                    .sorted((one, other) -> one.toHex().compareTo(other.toHex()))
                    .limit(limit + 1L)
                    .toList();
            boolean more = keys.size() > limit;
            List<SessionSummary> page = new ArrayList<>(limit);
            for (SessionKey key : more ? keys.subList(0, limit) : keys) {
                Stored stored = sessions.get(key);
                if (stored != null) { // deleted since the keys were read
                    page.add(new SessionSummary(key, stored.createdAt(), stored.lastAccessedAt(), stored.expiresAt(),
                            stored.values().keySet()));
                }
            }
            return new SessionPage(page, more ? keys.get(limit - 1).toHex() : null);
        });
    }

    /**
     * Called every {@code quarkus.session.sweep-interval}: this store has no TTL of its own.
     */
    @Override
    public Uni<Integer> expire(Instant now) {
        return Uni.createFrom().item(() -> {
            int expired = 0;
            for (Map.Entry<SessionKey, Stored> entry : sessions.entrySet()) {
                // Expired at its deadline, as SessionRecord.isExpiredAt says. remove(key, value) removes the session
                // only if no update replaced it since it was read: one that moved its deadline meanwhile stays.
                if (!now.isBefore(entry.getValue().expiresAt()) && sessions.remove(entry.getKey(), entry.getValue())) {
                    expired++;
                }
            }
            return expired;
        });
    }

    // ping() is the interface's default, which succeeds: a store in the heap is always ready. deleteAll() is the
    // default too: it pages through list() and calls delete() for each session.
}
