package io.quarkiverse.session.postgresql.test;

import java.util.List;
import java.util.Optional;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkiverse.session.postgresql.testing.SharedPostgresServers;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The test applications: the note endpoints on the PostgreSQL store, with the default datasource on the given server
 * and its Dev Services off; the server of each test class; and queries of the session tables.
 */
final class PostgresApps {

    static final String COOKIE = "session_id";

    private PostgresApps() {
    }

    /**
     * The PostgreSQL server of a test class, started on first use: the same for both copies of a QuarkusUnitTest class
     * (see {@link SharedPostgresServers}; the pom makes the test-support artifact parent-first for that).
     */
    static PostgresServerProcess server(String testName) {
        return SharedPostgresServers.get(testName, PostgresServerProcess::start);
    }

    static QuarkusUnitTest app(PostgresServerProcess server) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(NotesResource.class, PlainResource.class, PostgresApps.class,
                        StartupFailures.class))
                .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
                .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
                .overrideConfigKey("quarkus.datasource.reactive.url", server.reactiveUrl())
                .overrideConfigKey("quarkus.datasource.username", server.username())
                .overrideConfigKey("quarkus.datasource.password", server.password())
                .overrideConfigKey("quarkus.http.test-port", "0");
    }

    /** The session ID a response sets, if any. */
    static Optional<String> issuedId(Response response) {
        return response.headers().getValues("Set-Cookie").stream().filter(header -> header.startsWith(COOKIE + "="))
                .map(header -> header.substring(COOKIE.length() + 1, header.indexOf(';') < 0 ? header.length()
                        : header.indexOf(';')))
                .filter(value -> !value.isEmpty())
                .findFirst();
    }

    /** The session key of an ID as the tables hold it. */
    static byte[] sessionKey(String sessionId) {
        return SessionKey.ofSessionId(sessionId).toBytes();
    }

    /** The first column of every row of a query, with its parameters, on a connection of its own. */
    static List<Object> column(PostgresServerProcess server, String query, Object... parameters) {
        return server.queryRows(query, parameters).stream().map(row -> row.values().iterator().next()).toList();
    }

    /** The number a query counts. */
    static long count(PostgresServerProcess server, String query, Object... parameters) {
        return server.queryLong(query, parameters);
    }
}
