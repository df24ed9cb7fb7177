package io.quarkiverse.session.postgresql.runtime;

import java.util.Set;
import java.util.regex.Pattern;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The SQL of the store for one pair of tables: the schema, and one statement per store operation.
 * <p>
 * The principal a session is bound to is a column of the session's row: its name in UTF-8, as {@code BYTEA}, since
 * PostgreSQL text cannot hold the character U+0000, which a principal name may contain. A hash index covers the rows
 * where it is set: it holds a hash of each name rather than the name, so it takes names of any length (a B-tree refuses
 * entries beyond about 2.7 kB, and a name of 1024 characters may take 3 kB in UTF-8). Binding, rebinding or unbinding
 * is part of the statement of the update that does it, a change of key moves the principal with the row, and deleting
 * the row (a logout, the cleanup, a deletion of all sessions) takes it out of the index. The index therefore always
 * agrees with the table, whatever runs at the same time; an update of a deleted session finds no row, and so binds
 * nothing.
 * <p>
 * Invariants: every statement that writes a session's values first updates (and so locks) the session's row, in the
 * same statement; deleting or moving a session locks the session's row before its value rows (through the foreign key's
 * cascade); the cleanup skips locked rows instead of waiting for them. Row locks are therefore always taken in the same
 * order, session before values, so concurrent requests of one session wait for each other but never deadlock, and
 * upserts make the order in which they arrive irrelevant. Table names are checked to be plain SQL names before they are
 * put into a statement; every value travels as a parameter.
 */
final class SessionStatements {

    static final String TABLE = "quarkus.session.postgresql.table";
    static final String VALUE_TABLE = "quarkus.session.postgresql.value-table";

    /** A table name, optionally qualified by its schema; 48 characters leave room for the indexes' suffixes within 63. */
    private static final Pattern TABLE_NAME = Pattern.compile("([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,47}");
    /** Serializes the creation of the schema by several instances starting at once ("SessionSt" in ASCII). */
    private static final long SCHEMA_LOCK = 0x53657373696f6e53L;

    final String schema;
    final String load;
    final String create;
    final String update;
    final String touch;
    final String changeKey;
    final String delete;
    final String listFirst;
    final String listAfter;
    final String findByPrincipal;
    final String expire;
    final String deleteBatch;
    final String dropSchema;

    SessionStatements(String table, String valueTable) {
        String t = checkedName(TABLE, table);
        String v = checkedName(VALUE_TABLE, valueTable);
        if (t.equals(v)) {
            throw new ConfigurationException(TABLE + " and " + VALUE_TABLE + " must name two different tables, both are "
                    + t, Set.of(TABLE, VALUE_TABLE));
        }
        String tableName = t.substring(t.indexOf('.') + 1);
        schema = "SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ");\n" + addPrincipalColumn(t)
                + ddl(t, v, tableName + "_expires_at", tableName + "_principal");
        String sessionWithValues = "s.created_at, s.last_accessed_at, s.idle_timeout_millis, s.expires_at, s.principal,"
                + " v.value_name, v.value_json FROM " + t + " s LEFT JOIN " + v + " v ON v.session_key = s.session_key";
        load = "SELECT " + sessionWithValues + " WHERE s.session_key = $1";
        // Equality is strict, so it implies the partial index's condition (principal IS NOT NULL): the index serves the
        // generic plan of the prepared statement too, whatever the parameter.
        findByPrincipal = "SELECT s.session_key, " + sessionWithValues + " WHERE s.principal = $1";
        create = "WITH session AS (INSERT INTO " + t
                + " (session_key, created_at, last_accessed_at, idle_timeout_millis, expires_at, principal)"
                + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING session_key)"
                + " INSERT INTO " + v + " (session_key, value_name, value_json)"
                + " SELECT session.session_key, put.value_name, put.value_json"
                + " FROM session, unnest($7::text[], $8::text[]) AS put (value_name, value_json)";
        // The principal changes only when the update rebinds ($8), in the same row update as the times.
        update = "WITH session AS (" + updateTimes(t, ", principal = CASE WHEN $8::boolean THEN $9::bytea ELSE principal END")
                + " RETURNING session_key),"
                + " removed AS (DELETE FROM " + v + " v USING session"
                + " WHERE v.session_key = session.session_key AND v.value_name = ANY($5::text[])),"
                + " written AS (INSERT INTO " + v + " (session_key, value_name, value_json)"
                + " SELECT session.session_key, put.value_name, put.value_json"
                + " FROM session, unnest($6::text[], $7::text[]) AS put (value_name, value_json)"
                + " ON CONFLICT (session_key, value_name) DO UPDATE SET value_json = EXCLUDED.value_json)"
                + " SELECT count(*) FROM session";
        touch = updateTimes(t, "");
        // The foreign key's ON UPDATE CASCADE moves the values in the same statement.
        changeKey = "UPDATE " + t + " SET session_key = $2 WHERE session_key = $1";
        delete = "DELETE FROM " + t + " WHERE session_key = $1";
        String listed = "SELECT s.session_key, s.created_at, s.last_accessed_at, s.expires_at, s.principal, v.value_name"
                + " FROM (SELECT session_key, created_at, last_accessed_at, expires_at, principal FROM " + t
                + "%s ORDER BY session_key LIMIT $1)"
                + " s LEFT JOIN " + v + " v ON v.session_key = s.session_key ORDER BY s.session_key";
        listFirst = listed.formatted("");
        listAfter = listed.formatted(" WHERE session_key > $2");
        expire = "DELETE FROM " + t + " WHERE session_key IN (SELECT session_key FROM " + t
                + " WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)";
        // The next batch of sessions after the last key of the previous one, in key order: a pass never comes back to
        // a key, and concurrent passes lock rows in the same order. Unlike the cleanup, it waits for the rows requests
        // hold, which it must delete too. It returns how many it deleted and the last key it locked, after which the
        // next batch starts; none when no session is left after the previous batch (or when every row it waited for
        // was deleted meanwhile, by whatever deleted them).
        deleteBatch = "WITH batch AS (SELECT session_key FROM " + t + " WHERE session_key > $1 ORDER BY session_key"
                + " LIMIT $2 FOR UPDATE), deleted AS (DELETE FROM " + t + " WHERE session_key IN (SELECT session_key"
                + " FROM batch) RETURNING 1) SELECT (SELECT count(*) FROM deleted),"
                + " (SELECT session_key FROM batch ORDER BY session_key DESC LIMIT 1)";
        dropSchema = "DROP TABLE IF EXISTS " + v + ", " + t;
    }

    /**
     * The schema, as published in the documentation.
     */
    static String ddl(String table, String valueTable, String expiryIndex, String principalIndex) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (\n"
                + "    session_key BYTEA PRIMARY KEY,\n"
                + "    created_at TIMESTAMPTZ NOT NULL,\n"
                + "    last_accessed_at TIMESTAMPTZ NOT NULL,\n"
                + "    idle_timeout_millis BIGINT,\n"
                + "    expires_at TIMESTAMPTZ NOT NULL,\n"
                + "    principal BYTEA\n"
                + ");\n"
                + "CREATE INDEX IF NOT EXISTS " + expiryIndex + " ON " + table + " (expires_at);\n"
                + "CREATE INDEX IF NOT EXISTS " + principalIndex + " ON " + table
                + " USING hash (principal) WHERE principal IS NOT NULL;\n"
                + "CREATE TABLE IF NOT EXISTS " + valueTable + " (\n"
                + "    session_key BYTEA NOT NULL REFERENCES " + table + " (session_key)\n"
                + "        ON DELETE CASCADE ON UPDATE CASCADE,\n"
                + "    value_name TEXT NOT NULL,\n"
                + "    value_json TEXT NOT NULL,\n"
                + "    PRIMARY KEY (session_key, value_name)\n"
                + ");\n";
    }

    /**
     * Adds the principal column to a session table created by a version of the store that had none, before
     * {@link #ddl} creates its index. Only when it is missing: {@code ALTER TABLE} locks the table against every read
     * and write until the schema's transaction ends, even when {@code IF NOT EXISTS} then finds the column, and the
     * schema is created again at every start of every instance, while the others serve requests.
     */
    static String addPrincipalColumn(String table) {
        return "DO $$ BEGIN IF to_regclass('" + table + "') IS NOT NULL AND NOT EXISTS (SELECT FROM pg_attribute"
                + " WHERE attrelid = to_regclass('" + table + "') AND attname = 'principal' AND NOT attisdropped) THEN"
                + " ALTER TABLE " + table + " ADD COLUMN principal BYTEA; END IF; END $$;\n";
    }

    private static String updateTimes(String table, String moreChanges) {
        return "UPDATE " + table + " SET last_accessed_at = COALESCE($2, last_accessed_at),"
                + " idle_timeout_millis = COALESCE($3, idle_timeout_millis), expires_at = COALESCE($4, expires_at)"
                + moreChanges + " WHERE session_key = $1";
    }

    private static String checkedName(String property, String name) {
        String lower = name.strip().toLowerCase(java.util.Locale.ROOT);
        if (!TABLE_NAME.matcher(lower).matches()) {
            throw new ConfigurationException(property + " must be a plain SQL table name, optionally qualified by its "
                    + "schema (letters, digits and underscores, not starting with a digit, at most 48 characters for the "
                    + "table), got '" + name + "': set it to a name such as quarkus_session or app.quarkus_session",
                    Set.of(property));
        }
        return lower;
    }
}
