package io.quarkiverse.session.postgresql.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sessions in two PostgreSQL tables (see {@link SessionStatements}): a row per session under its {@link SessionKey},
 * a row per value.
 * <p>
 * Invariants: every operation is one statement, so one round trip with the datasource's prepared-statement cache, and
 * atomic by itself: a load reads the session and its values in one snapshot; an update changes a session's row and only
 * the values it changed, and only if the row exists, so it never creates a session and concurrent updates of different
 * values all survive; a change of key moves the row, and with it the values, in one statement, after which an update of
 * the old key finds nothing. Every statement fails after {@link #timeout} without an answer; nothing blocks the calling
 * thread. Expired sessions are deleted by {@link #expire} in batches that skip the rows other instances are deleting.
 */
public final class PostgresSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(PostgresSessionStore.class);

    private final Pool pool;
    private final SessionStatements sql;
    private final Duration timeout;
    private final int cleanupBatchSize;
    private final SchemaCreation schema;

    /**
     * @param pool the reactive pool of the datasource
     * @param table the table of sessions
     * @param valueTable the table of values
     * @param createSchema whether to create the tables when they do not exist
     * @param timeout how long each statement may take
     * @param cleanupBatchSize how many expired sessions one statement of {@link #expire} deletes at most
     */
    public PostgresSessionStore(Pool pool, String table, String valueTable, boolean createSchema, Duration timeout,
            int cleanupBatchSize) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.sql = new SessionStatements(table, valueTable);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.cleanupBatchSize = cleanupBatchSize;
        this.schema = new SchemaCreation(
                createSchema ? () -> bounded(pool.query(sql.schema).execute()).replaceWithVoid() : null);
    }

    /**
     * Creates the tables now rather than on the first request, if they are to be created; a database that is down now
     * only delays it.
     */
    void prepareSchema() {
        schema.ready().subscribe().with(ignored -> LOG.debug("Session tables ready"),
                failure -> LOG.warnf("The session tables could not be checked or created at startup (%s); the store "
                        + "tries again on its first use", failure.getClass().getName()));
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return execute(sql.load, SessionRows.key(key)).map(SessionRows::toRecord);
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return execute(sql.create, SessionRows.create(key, session)).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        if (update.isTouchOnly()) {
            return execute(sql.touch, SessionRows.touch(key, update)).map(rows -> rows.rowCount() == 1);
        }
        return execute(sql.update, SessionRows.update(key, update))
                .map(rows -> rows.iterator().next().getLong(0) == 1L);
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return execute(sql.changeKey, SessionRows.changeKey(from, to)).map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return execute(sql.delete, SessionRows.key(key)).map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        Uni<RowSet<Row>> rows = cursor == null ? execute(sql.listFirst, Tuple.of((long) limit))
                : Uni.createFrom().deferred(
                        () -> execute(sql.listAfter, Tuple.of((long) limit, SessionRows.bytes(cursorKey(cursor)))));
        return rows.map(SessionRows::toSummaries).map(sessions -> new SessionPage(sessions,
                sessions.size() < limit ? null : sessions.get(sessions.size() - 1).key().toHex()));
    }

    /**
     * Deletes expired sessions batch after batch, each its own statement, until a batch finds fewer than a full one.
     */
    @Override
    public Uni<Integer> expire(Instant now) {
        return expireFrom(now, 0);
    }

    private Uni<Integer> expireFrom(Instant now, int deletedSoFar) {
        return execute(sql.expire, Tuple.of(SessionRows.time(now), (long) cleanupBatchSize)).flatMap(rows -> {
            int deleted = deletedSoFar + rows.rowCount();
            return rows.rowCount() < cleanupBatchSize ? Uni.createFrom().item(deleted) : expireFrom(now, deleted);
        });
    }

    /**
     * Drops both tables: for tests that give each store tables of their own.
     */
    public Uni<Void> dropSchema() {
        return bounded(pool.query(sql.dropSchema).execute()).replaceWithVoid();
    }

    private Uni<RowSet<Row>> execute(String statement, Tuple parameters) {
        return schema.ready().chain(() -> bounded(pool.preparedQuery(statement).execute(parameters)));
    }

    private <T> Uni<T> bounded(Uni<T> call) {
        return call.ifNoItem().after(timeout).failWith(() -> new SessionStoreException(
                "PostgreSQL did not answer within " + timeout.toMillis() + " ms (quarkus.session.postgresql.timeout)"));
    }

    private static SessionKey cursorKey(String cursor) {
        try {
            return SessionKey.ofHex(cursor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a cursor of this store's listing");
        }
    }
}
