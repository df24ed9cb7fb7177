package io.quarkiverse.session.runtime.store.memory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.session.spi.SessionKey;

/**
 * The keys of the bound sessions of a {@link MemorySessionStore}, by principal.
 * <p>
 * Invariants: a key is added or removed only by its segment, under that segment's monitor, in the same critical section
 * that binds, unbinds, moves or removes its row, so the index holds exactly the bound rows of every segment between
 * two such sections; each principal's set is changed and copied only inside {@link ConcurrentHashMap#compute} of its
 * entry, so a reader never sees a set being changed; an empty set is removed.
 */
final class PrincipalIndex {

    private final ConcurrentHashMap<String, Set<SessionKey>> keysByPrincipal = new ConcurrentHashMap<>();

    void add(String principal, SessionKey key) {
        keysByPrincipal.compute(principal, (name, keys) -> {
            Set<SessionKey> kept = keys == null ? new HashSet<>(4) : keys;
            kept.add(key);
            return kept;
        });
    }

    void remove(String principal, SessionKey key) {
        keysByPrincipal.computeIfPresent(principal, (name, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }

    /**
     * Returns a copy of the keys bound to a principal.
     */
    List<SessionKey> keysOf(String principal) {
        List<SessionKey>[] copy = new List[1];
        keysByPrincipal.computeIfPresent(principal, (name, keys) -> {
            copy[0] = List.copyOf(keys);
            return keys;
        });
        return copy[0] == null ? List.of() : copy[0];
    }

    /** How many principals have sessions: for tests, which check that removed sessions leave nothing behind. */
    int principals() {
        return keysByPrincipal.size();
    }
}
