package io.quarkiverse.session.postgresql.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * Sessions to statement parameters and rows back to sessions. Values are stored as the text of their UTF-8 JSON, which
 * reads back byte for byte; times as {@code TIMESTAMPTZ}, which keeps every millisecond; the principal as its UTF-8
 * bytes (well-formed UTF-16, as principal names are, reads back exactly), {@code NULL} for none.
 */
final class SessionRows {

    private static final String[] NONE = new String[0];

    private SessionRows() {
    }

    static Tuple key(SessionKey key) {
        return Tuple.of(bytes(key));
    }

    static Tuple create(SessionKey key, SessionRecord session) {
        String[] names = new String[session.values().size()];
        String[] values = new String[names.length];
        int i = 0;
        for (Map.Entry<String, byte[]> value : session.values().entrySet()) {
            names[i] = value.getKey();
            values[i++] = new String(value.getValue(), UTF_8);
        }
        return Tuple.tuple().addValue(bytes(key)).addValue(time(session.createdAt()))
                .addValue(time(session.lastAccessedAt())).addValue(millis(session.idleTimeout()))
                .addValue(time(session.expiresAt())).addValue(principal(session.principal())).addArrayOfString(names)
                .addArrayOfString(values);
    }

    static Tuple touch(SessionKey key, SessionUpdate update) {
        return Tuple.tuple().addValue(bytes(key)).addValue(time(update.lastAccessedAt()))
                .addValue(millis(update.idleTimeout())).addValue(time(update.expiresAt()));
    }

    static Tuple update(SessionKey key, SessionUpdate update) {
        String[] names = new String[update.puts().size()];
        String[] values = new String[names.length];
        int i = 0;
        for (Map.Entry<String, byte[]> put : update.puts().entrySet()) {
            names[i] = put.getKey();
            values[i++] = new String(put.getValue(), UTF_8);
        }
        return touch(key, update).addArrayOfString(update.removals().toArray(NONE)).addArrayOfString(names)
                .addArrayOfString(values).addBoolean(update.rebinds()).addValue(principal(update.principal()));
    }

    static Tuple changeKey(SessionKey from, SessionKey to) {
        return Tuple.of(bytes(from), bytes(to));
    }

    /**
     * The session in the rows of the load statement (one per value, or one with no value), or {@code null} for none.
     */
    static SessionRecord toRecord(RowSet<Row> rows) {
        SessionRecord session = null;
        Map<String, byte[]> values = new HashMap<>();
        for (Row row : rows) {
            if (session == null) {
                session = record(row, values);
            }
            addValue(row, values);
        }
        return session;
    }

    /**
     * The sessions in the rows of the statement finding a principal's sessions: one row per value of each session, or
     * one for a session with no value, in no particular order.
     */
    static List<SessionEntry> toEntries(RowSet<Row> rows) {
        Map<SessionKey, SessionRecord> sessions = new LinkedHashMap<>();
        for (Row row : rows) {
            SessionKey key = SessionKey.ofHash(row.getBuffer("session_key").getBytes());
            SessionRecord session = sessions.computeIfAbsent(key, ignored -> record(row, new HashMap<>()));
            // The map of the record is the one being filled: a record is not read before every row has been.
            addValue(row, session.values());
        }
        List<SessionEntry> entries = new ArrayList<>(sessions.size());
        sessions.forEach((key, session) -> entries.add(new SessionEntry(key, session)));
        return entries;
    }

    /** The session of a row of the session table, with a map of values the caller fills. */
    private static SessionRecord record(Row row, Map<String, byte[]> values) {
        Long idleMillis = row.getLong("idle_timeout_millis");
        return new SessionRecord(instant(row, "created_at"), instant(row, "last_accessed_at"),
                idleMillis == null ? null : Duration.ofMillis(idleMillis), instant(row, "expires_at"), values,
                principal(row));
    }

    private static void addValue(Row row, Map<String, byte[]> values) {
        String name = row.getString("value_name");
        if (name != null) {
            values.put(name, row.getString("value_json").getBytes(UTF_8));
        }
    }

    /**
     * The sessions in the rows of a list statement, in the order of their keys: one row per value, or one with no value.
     */
    static List<SessionSummary> toSummaries(RowSet<Row> rows) {
        List<SessionSummary> summaries = new ArrayList<>();
        SessionKey current = null;
        Row first = null;
        Set<String> names = new LinkedHashSet<>();
        for (Row row : rows) {
            SessionKey key = SessionKey.ofHash(row.getBuffer("session_key").getBytes());
            if (!key.equals(current)) {
                if (current != null) {
                    summaries.add(summary(current, first, names));
                }
                current = key;
                first = row;
                names = new LinkedHashSet<>();
            }
            String name = row.getString("value_name");
            if (name != null) {
                names.add(name);
            }
        }
        if (current != null) {
            summaries.add(summary(current, first, names));
        }
        return summaries;
    }

    private static SessionSummary summary(SessionKey key, Row row, Set<String> names) {
        return new SessionSummary(key, instant(row, "created_at"), instant(row, "last_accessed_at"),
                instant(row, "expires_at"), Set.copyOf(names), principal(row));
    }

    /** A principal name as the column holds it: its UTF-8 bytes, or {@code null} for none. */
    static Buffer principal(String name) {
        return name == null ? null : Buffer.buffer(name.getBytes(UTF_8));
    }

    private static String principal(Row row) {
        Buffer name = row.getBuffer("principal");
        return name == null ? null : name.toString(UTF_8);
    }

    static Buffer bytes(SessionKey key) {
        return Buffer.buffer(key.toBytes());
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
