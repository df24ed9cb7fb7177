package io.quarkiverse.session.postgresql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SharedPostgresServersTest {

    @Test
    void serverOfANameIsStartedOnceAndThenSharedByEveryCaller() {
        PostgresServerProcess first = SharedPostgresServers.get("shared-servers-test");
        try {
            PostgresServerProcess second = SharedPostgresServers.get("shared-servers-test", () -> {
                throw new AssertionError("started a second server");
            });

            assertSame(first, second);
            assertEquals(1, second.queryLong("SELECT 1"));
        } finally {
            first.close();
        }
    }
}
