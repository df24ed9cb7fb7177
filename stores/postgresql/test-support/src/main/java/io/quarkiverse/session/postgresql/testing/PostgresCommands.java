package io.quarkiverse.session.postgresql.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.postgresql.Driver;

/**
 * One JDBC connection (PostgreSQL's own driver, autocommit) for tests to look into a real PostgreSQL without depending
 * on the reactive client under test: {@link #execute}, {@link #queryLong}, {@link #queryStrings}, {@link #queryRows},
 * with {@code ?} parameters bound in order by {@code setObject}.
 * <p>
 * Connecting and every reply are bounded by the timeout, so a test against a stopped or paused server fails with a
 * {@link PostgresQueryException} instead of hanging. The connection names itself {@value #APPLICATION_NAME} in
 * {@code pg_stat_activity}, so that tests counting the application's connections can leave it out.
 * <p>
 * Not thread-safe: one statement at a time.
 */
public final class PostgresCommands implements AutoCloseable {

    /** Timeout of connecting and of each reply when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The {@code application_name} of these connections. */
    public static final String APPLICATION_NAME = "postgres-test-support";

    // Used directly rather than through DriverManager, which sees only drivers of the caller's class loader.
    private static final Driver DRIVER = new Driver();

    private final Connection connection;

    private PostgresCommands(Connection connection) {
        this.connection = connection;
    }

    /**
     * Connects with a user and a password.
     *
     * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
     * @param timeout the bound of connecting and of each reply, rounded up to whole seconds (the driver's unit)
     * @throws PostgresQueryException if no connection could be made (the server is down, say)
     */
    public static PostgresCommands connect(String jdbcUrl, String user, String password, Duration timeout) {
        String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        try {
            Connection connection = DRIVER.connect(jdbcUrl, properties);
            if (connection == null) {
                throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
            }
            return new PostgresCommands(connection);
        } catch (SQLException e) {
            throw new PostgresQueryException("connect to " + jdbcUrl + " as " + user, e);
        }
    }

    /** Runs a statement (DDL, insert, update, delete) and returns the number of rows it changed, 0 for DDL. */
    public int execute(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.execute() ? 0 : statement.getUpdateCount();
        } catch (SQLException e) {
            throw new PostgresQueryException(sql, e);
        }
    }

    /**
     * The first column of the only row as a long: {@code SELECT count(*) ...}.
     *
     * @throws IllegalStateException if there is not exactly one row or the value is null
     */
    public long queryLong(String sql, Object... parameters) {
        List<Map<String, Object>> rows = queryRows(sql, parameters);
        if (rows.size() != 1) {
            throw new IllegalStateException(rows.size() + " rows instead of one from: " + sql);
        }
        Object value = rows.get(0).values().iterator().next();
        if (!(value instanceof Number)) {
            throw new IllegalStateException("Not a number but " + value + " from: " + sql);
        }
        return ((Number) value).longValue();
    }

    /** The first column of every row, as the driver's {@code getString} gives it (null for SQL null). */
    public List<String> queryStrings(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet result = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return Collections.unmodifiableList(values);
        } catch (SQLException e) {
            throw new PostgresQueryException(sql, e);
        }
    }

    /**
     * Every row as an unmodifiable map of column label to the driver's {@code getObject} value, columns in their order
     * (a {@code bytea} column gives a {@code byte[]}, a {@code timestamptz} a {@code java.sql.Timestamp}).
     */
    public List<Map<String, Object>> queryRows(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet result = statement.executeQuery()) {
            ResultSetMetaData metaData = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    row.put(metaData.getColumnLabel(column), result.getObject(column));
                }
                rows.add(Collections.unmodifiableMap(row));
            }
            return Collections.unmodifiableList(rows);
        } catch (SQLException e) {
            throw new PostgresQueryException(sql, e);
        }
    }

    /** The JDBC connection itself, for what the methods above do not cover (transactions, say). */
    public Connection connection() {
        return connection;
    }

    /** Closes the connection; never fails. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a connection to a server that went away; there is nothing left to release.
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
