package io.quarkiverse.session.redis.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.vertx.mutiny.redis.client.Response;

/**
 * The layout of one session in Redis: a hash whose fields are the session's times, as decimal epoch milliseconds (the
 * idle timeout in milliseconds), and its values, each under {@code v:} followed by its key, as the UTF-8 JSON the
 * extension encoded.
 * <p>
 * Invariant: the metadata fields contain no colon and every value field starts with {@code v:}, so no key of the
 * application can ever overwrite a time, the principal or the {@code dead} mark of a session being moved to a new key.
 * The {@code principal} field, the name of the principal the session is bound to as UTF-8, is there only while it is
 * bound (see {@link PrincipalIndex} for the index that follows it).
 */
final class SessionHash {

    static final String CREATED = "created";
    static final String ACCESSED = "accessed";
    static final String IDLE = "idle";
    static final String EXPIRES = "expires";
    /** Present only on a session bound to a principal: its name. */
    static final String PRINCIPAL = "principal";
    /** Present only on a session being moved to a new key: no longer a session, see {@link SessionScripts#TAKE}. */
    static final String DEAD = "dead";
    static final String VALUE_PREFIX = "v:";

    private SessionHash() {
    }

    /**
     * The arguments of {@link SessionScripts#CREATE} for a new session: its deadline, then its fields and values.
     */
    static List<Object> createArguments(SessionRecord session) {
        List<Object> fields = new ArrayList<>(9 + 2 * session.values().size());
        fields.add(millis(session.expiresAt()));
        fields.add(CREATED);
        fields.add(millis(session.createdAt()));
        fields.add(ACCESSED);
        fields.add(millis(session.lastAccessedAt()));
        fields.add(EXPIRES);
        fields.add(millis(session.expiresAt()));
        if (session.idleTimeout() != null) {
            fields.add(IDLE);
            fields.add(Long.toString(session.idleTimeout().toMillis()));
        }
        if (session.principal() != null) {
            fields.add(PRINCIPAL);
            fields.add(session.principal());
        }
        session.values().forEach((key, value) -> {
            fields.add(VALUE_PREFIX + key);
            fields.add(value);
        });
        return fields;
    }

    /**
     * The arguments of {@link SessionScripts#UPDATE}: the deadline (or nothing), the fields to set, the fields to delete.
     * An update that {@linkplain SessionUpdate#rebinds() rebinds} sets the principal field, or deletes it to unbind; any
     * other keeps it, whatever principal the update believes the session has.
     */
    static List<Object> updateArguments(SessionUpdate update) {
        List<Object> sets = new ArrayList<>(6 + 2 * update.puts().size());
        if (update.lastAccessedAt() != null) {
            sets.add(ACCESSED);
            sets.add(millis(update.lastAccessedAt()));
        }
        if (update.idleTimeout() != null) {
            sets.add(IDLE);
            sets.add(Long.toString(update.idleTimeout().toMillis()));
        }
        if (update.expiresAt() != null) {
            sets.add(EXPIRES);
            sets.add(millis(update.expiresAt()));
        }
        if (update.rebinds() && update.principal() != null) {
            sets.add(PRINCIPAL);
            sets.add(update.principal());
        }
        update.puts().forEach((key, value) -> {
            sets.add(VALUE_PREFIX + key);
            sets.add(value);
        });
        List<Object> args = new ArrayList<>(2 + sets.size() + update.removals().size());
        args.add(update.expiresAt() == null ? "" : millis(update.expiresAt()));
        args.add(Long.toString(sets.size()));
        args.addAll(sets);
        for (String removed : update.removals()) {
            args.add(VALUE_PREFIX + removed);
        }
        if (update.rebinds() && update.principal() == null) {
            args.add(PRINCIPAL);
        }
        return args;
    }

    /**
     * Reads a session from the fields of its hash ({@code HGETALL}, as a map or as a flat array of fields and values).
     *
     * @return the session, or {@code null} if there is none: no fields (no key), or a session being moved
     */
    static SessionRecord toRecord(SessionKey key, Response hash) {
        if (hash == null || hash.size() == 0 || hash.containsKey(DEAD)) {
            return null;
        }
        Map<String, byte[]> values = new HashMap<>();
        for (String field : hash.getKeys()) {
            if (field.startsWith(VALUE_PREFIX)) {
                values.put(field.substring(VALUE_PREFIX.length()), hash.get(field).toBytes());
            }
        }
        return new SessionRecord(instant(key, hash, CREATED), instant(key, hash, ACCESSED), idleTimeout(key, hash),
                instant(key, hash, EXPIRES), values, principal(hash));
    }

    /**
     * Reads the summary of a session from the fields of its hash, as {@link #toRecord} does, without its values.
     */
    static SessionSummary toSummary(SessionKey key, Response hash) {
        if (hash == null || hash.size() == 0 || hash.containsKey(DEAD)) {
            return null;
        }
        Set<String> keys = new HashSet<>();
        for (String field : hash.getKeys()) {
            if (field.startsWith(VALUE_PREFIX)) {
                keys.add(field.substring(VALUE_PREFIX.length()));
            }
        }
        return new SessionSummary(key, instant(key, hash, CREATED), instant(key, hash, ACCESSED),
                instant(key, hash, EXPIRES), keys, principal(hash));
    }

    /**
     * The arguments of {@link SessionScripts#CREATE} for a session returned by {@link SessionScripts#TAKE}, to write
     * under its new key: its deadline, then its fields and values, without the mark that {@code TAKE} put.
     */
    static List<Object> moveArguments(SessionKey key, Response taken) {
        List<Object> args = new ArrayList<>(2 * taken.size() + 1);
        args.add(millis(instant(key, taken, EXPIRES)));
        for (String field : taken.getKeys()) {
            if (!field.equals(DEAD)) {
                args.add(field);
                args.add(taken.get(field).toBytes());
            }
        }
        return args;
    }

    /**
     * The principal of a session's fields ({@code HGETALL}, or what {@link SessionScripts#TAKE} returns), or
     * {@code null} if it is bound to none.
     */
    static String principal(Response hash) {
        Response principal = hash.get(PRINCIPAL);
        return principal == null ? null : principal.toString();
    }

    /**
     * The deadline of a session's fields, as {@link #toRecord} reads it.
     */
    static Instant deadline(SessionKey key, Response hash) {
        return instant(key, hash, EXPIRES);
    }

    static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static Instant instant(SessionKey key, Response hash, String field) {
        return Instant.ofEpochMilli(number(key, hash, field));
    }

    private static Duration idleTimeout(SessionKey key, Response hash) {
        return hash.containsKey(IDLE) ? Duration.ofMillis(number(key, hash, IDLE)) : null;
    }

    private static long number(SessionKey key, Response hash, String field) {
        Response value = hash.get(field);
        try {
            if (value != null) {
                return Long.parseLong(new String(value.toBytes(), StandardCharsets.US_ASCII));
            }
        } catch (NumberFormatException e) {
            // Reported below, as a missing field is.
        }
        throw new SessionStoreException("The Redis hash of session " + key.shortHash() + " is not a session: its field '"
                + field + "' is missing or not a number");
    }
}
