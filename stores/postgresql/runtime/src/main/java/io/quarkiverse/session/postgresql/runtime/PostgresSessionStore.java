package io.quarkiverse.session.postgresql.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.store.VertxCall;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * Sessions in two PostgreSQL tables (see {@link SessionStatements}): a row per session under its {@link SessionKey},
 * with the principal it is bound to in an indexed column, and a row per value.
 * <p>
 * Invariants: every operation is one statement, so one round trip with the datasource's prepared-statement cache, and
 * atomic by itself: a load reads the session and its values in one snapshot; an update changes a session's row and only
 * the values it changed, and only if the row exists, so it never creates a session and concurrent updates of different
 * values all survive; a change of key moves the row, and with it the values, in one statement, after which an update of
 * the old key finds nothing. The principal is a column of the session's row, so {@link #findByPrincipal} reads one
 * snapshot, in which every statement that binds, moves or deletes a session has happened entirely or not at all.
 * Every statement fails after {@link #timeout} without an answer; nothing blocks the calling thread. Expired sessions
 * are deleted by {@link #expire} in batches that skip the rows other instances are deleting; {@link #deleteAll}
 * deletes in batches too, which wait for those rows instead.
 */
public final class PostgresSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(PostgresSessionStore.class);

    /**
     * How long creating the tables may take: longer than a statement of a request, since it may wait for another
     * instance's creation and runs while the application starts; a request waiting for it is bounded by the store
     * timeout anyway.
     */
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);

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
        this.schema = new SchemaCreation(createSchema ? () -> new VertxCall<>(() -> pool.query(sql.schema).execute(),
                rows -> (Void) null, SCHEMA_TIMEOUT, () -> new SessionStoreException(
                        "PostgreSQL did not create the session tables within " + SCHEMA_TIMEOUT.toSeconds() + " s"))
                : null);
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
        return execute(sql.load, SessionRows.key(key), SessionRows::toRecord);
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return execute(sql.create, SessionRows.create(key, session), rows -> null);
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        if (update.isTouchOnly()) {
            return execute(sql.touch, SessionRows.touch(key, update), PostgresSessionStore::isOneRow);
        }
        return execute(sql.update, SessionRows.update(key, update), rows -> rows.iterator().next().getLong(0) == 1L);
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return execute(sql.changeKey, SessionRows.changeKey(from, to), PostgresSessionStore::isOneRow);
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return execute(sql.delete, SessionRows.key(key), PostgresSessionStore::isOneRow);
    }

    /**
     * One statement: the sessions whose principal column is this name, by its index, joined with their values.
     */
    @Override
    public Uni<List<SessionEntry>> findByPrincipal(String principal) {
        return execute(sql.findByPrincipal, Tuple.of(SessionRows.principal(principal)), SessionRows::toEntries);
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        Function<RowSet<Row>, SessionPage> page = rows -> {
            List<SessionSummary> sessions = SessionRows.toSummaries(rows);
            return new SessionPage(sessions, sessions.size() < limit ? null : sessions.get(sessions.size() - 1).key().toHex());
        };
        return cursor == null ? execute(sql.listFirst, Tuple.of((long) limit), page)
                : Uni.createFrom().deferred(
                        () -> execute(sql.listAfter, Tuple.of((long) limit, SessionRows.bytes(cursorKey(cursor))), page));
    }

    /**
     * Deletes expired sessions batch after batch, each its own statement, until a batch finds fewer than a full one.
     */
    @Override
    public Uni<Integer> expire(Instant now) {
        return expireFrom(now, 0);
    }

    private Uni<Integer> expireFrom(Instant now, int deletedSoFar) {
        return execute(sql.expire, Tuple.of(SessionRows.time(now), (long) cleanupBatchSize), RowSet::rowCount)
                .flatMap(batch -> batch < cleanupBatchSize ? Uni.createFrom().item(deletedSoFar + batch)
                        : expireFrom(now, deletedSoFar + batch));
    }

    /**
     * Deletes every session batch after batch, each its own statement of at most the cleanup's batch size, in the order
     * of their keys, until a batch finds none left after the last one; their values go with them (the foreign key's
     * cascade). The batches are walked by repetition, not by nesting one {@link Uni} in the next, so that a million
     * sessions need no deeper stack than ten.
     */
    @Override
    public Uni<Integer> deleteAll() {
        return Uni.createFrom().deferred(() -> {
            Wipe wipe = new Wipe();
            return Multi.createBy().repeating().uni(() -> wipe, this::deleteNextBatch).whilst(ignored -> wipe.after != null)
                    .collect().last().map(ignored -> wipe.deleted);
        });
    }

    private Uni<Integer> deleteNextBatch(Wipe wipe) {
        return execute(sql.deleteBatch, Tuple.of(wipe.after, (long) cleanupBatchSize), rows -> {
            Row row = rows.iterator().next();
            wipe.deleted += row.getLong(0).intValue();
            wipe.after = row.getBuffer(1);
            return wipe.deleted;
        });
    }

    /** Where a {@link #deleteAll} is: the last key of its last batch ({@code null} once done), and its count. */
    private static final class Wipe {
        /** The empty key sorts before every session's. */
        private Buffer after = Buffer.buffer();
        private int deleted;
    }

    /**
     * {@code SELECT 1}, once the tables exist: a store whose tables cannot be created is not ready either.
     */
    @Override
    public Uni<Void> ping() {
        return execute("SELECT 1", Tuple.tuple(), rows -> null);
    }

    /**
     * Drops both tables: for tests that give each store tables of their own.
     */
    public Uni<Void> dropSchema() {
        return new VertxCall<>(() -> pool.query(sql.dropSchema).execute(), rows -> (Void) null, timeout, this::timedOut);
    }

    /**
     * Runs one prepared statement, bounded by the timeout, after the tables have been created if they had not yet.
     */
    private <T> Uni<T> execute(String statement, Tuple parameters, Function<RowSet<Row>, T> result) {
        Uni<T> call = new VertxCall<>(() -> pool.preparedQuery(statement).execute(parameters), result, timeout,
                this::timedOut);
        return schema.isReady() ? call : schema.ready().chain(() -> call);
    }

    private SessionStoreException timedOut() {
        return new SessionStoreException(
                "PostgreSQL did not answer within " + timeout.toMillis() + " ms (quarkus.session.postgresql.timeout)");
    }

    private static boolean isOneRow(RowSet<Row> rows) {
        return rows.rowCount() == 1;
    }

    private static SessionKey cursorKey(String cursor) {
        try {
            return SessionKey.ofHex(cursor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a cursor of this store's listing");
        }
    }
}
