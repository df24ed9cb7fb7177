package io.quarkiverse.session.postgresql.testing;

import java.sql.SQLException;

/**
 * A statement of {@link PostgresCommands} failed: PostgreSQL rejected it, or the connection failed or timed out (a
 * stopped or paused server). The message names the statement and the SQLState but never the parameters, which may be
 * session data.
 */
public final class PostgresQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    PostgresQueryException(String statement, SQLException cause) {
        super(cause.getMessage() + " (SQLState " + cause.getSQLState() + ") in: " + statement, cause);
        this.sqlState = cause.getSQLState();
    }

    /**
     * The SQLState: {@code 42P01} for an unknown table, {@code 08xxx} for a failed connection (a stopped or paused
     * server), {@code 57P01} for a server shutting down; may be null.
     */
    public String sqlState() {
        return sqlState;
    }
}
