package io.quarkiverse.session.postgresql.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Options of a {@link PostgresServerProcess} to start, from {@link PostgresServerProcess#builder()}. By default: the
 * database {@value PostgresServerProcess#DEFAULT_DATABASE}, a free port, and the settings of a fast, small test server
 * (loopback only, no Unix socket, no fsync, 16 MB of shared buffers, 100 connections).
 */
public final class PostgresServerBuilder {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private String database = PostgresServerProcess.DEFAULT_DATABASE;
    private final Map<String, String> settings = new LinkedHashMap<>();

    PostgresServerBuilder() {
        settings.put("listen_addresses", PostgresServerProcess.HOST);
        // Nothing but TCP on the loopback address reaches the server, and no socket file lands in a shared directory.
        settings.put("unix_socket_directories", "");
        // Data need to survive the process only, not the machine.
        settings.put("fsync", "off");
        settings.put("full_page_writes", "off");
        settings.put("shared_buffers", "16MB");
        settings.put("max_connections", "100");
    }

    /** The database to create at start, a lower-case SQL identifier; {@code postgres} for the built-in one. */
    public PostgresServerBuilder database(String database) {
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a lower-case SQL identifier: " + database);
        }
        this.database = database;
        return this;
    }

    /**
     * A PostgreSQL setting, passed as {@code -c name=value} and overriding the default of the same name:
     * {@code setting("max_connections", "5")}.
     */
    public PostgresServerBuilder setting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /**
     * Runs initdb and starts the server.
     *
     * @throws IllegalStateException if initdb fails or the server does not come up; the message holds the tail of its
     *         log
     */
    public PostgresServerProcess start() {
        return PostgresServerProcess.start(database, new LinkedHashMap<>(settings));
    }
}
