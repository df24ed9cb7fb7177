package io.quarkiverse.session.postgresql.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresCommandsTest {

    private static PostgresServerProcess server;

    @BeforeAll
    static void startServer() {
        server = PostgresServerProcess.start();
        server.execute("CREATE TABLE sessions (id text PRIMARY KEY, data bytea, version bigint)");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void parametersAreBoundInOrderAndRowsComeBackAsColumnMaps() {
        try (PostgresCommands sql = server.connect()) {
            sql.execute("DELETE FROM sessions");
            byte[] data = "cart=3".getBytes(StandardCharsets.UTF_8);
            assertEquals(1, sql.execute("INSERT INTO sessions VALUES (?, ?, ?)", "a", data, 7L));
            assertEquals(1, sql.execute("INSERT INTO sessions VALUES (?, ?, ?)", "b", null, 1L));

            List<Map<String, Object>> rows = sql.queryRows("SELECT id, data, version FROM sessions ORDER BY id");

            assertEquals(List.of("id", "data", "version"), List.copyOf(rows.get(0).keySet()));
            assertEquals("a", rows.get(0).get("id"));
            assertArrayEquals(data, (byte[]) rows.get(0).get("data"));
            assertEquals(7L, rows.get(0).get("version"));
            assertEquals(Arrays.asList("b", null), Arrays.asList(rows.get(1).get("id"), rows.get(1).get("data")));
            assertEquals(List.of("a", "b"), sql.queryStrings("SELECT id FROM sessions ORDER BY id"));
            assertEquals(2, sql.queryLong("SELECT count(*) FROM sessions WHERE version >= ?", 1));
            assertEquals(2, sql.execute("UPDATE sessions SET version = version + 1"));
            assertEquals(0, sql.execute("CREATE INDEX IF NOT EXISTS sessions_version ON sessions (version)"));
        }
    }

    @Test
    void queryLongWantsExactlyOneNumber() {
        try (PostgresCommands sql = server.connect()) {
            assertThrows(IllegalStateException.class, () -> sql.queryLong("SELECT 1 WHERE false"));
            assertThrows(IllegalStateException.class, () -> sql.queryLong("SELECT 'x'"));
            assertThrows(IllegalStateException.class, () -> sql.queryLong("SELECT NULL"));
        }
    }

    @Test
    void failedStatementNamesItsSqlStateAndStatementButNoParameter() {
        try (PostgresCommands sql = server.connect()) {
            PostgresQueryException failure = assertThrows(PostgresQueryException.class,
                    () -> sql.queryRows("SELECT * FROM no_such_table WHERE id = ?", "secret-session-id"));

            assertEquals("42P01", failure.sqlState());
            assertTrue(failure.getMessage().contains("SELECT * FROM no_such_table"), failure.getMessage());
            assertFalse(failure.getMessage().contains("secret-session-id"), failure.getMessage());
            assertEquals(1, sql.queryLong("SELECT 1"), "autocommit: the connection is usable after an error");
        }
    }

    @Test
    void connectionsNameThemselvesInPgStatActivity() {
        try (PostgresCommands sql = server.connect()) {
            assertEquals(List.of(PostgresCommands.APPLICATION_NAME),
                    sql.queryStrings("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"));
        }
    }
}
