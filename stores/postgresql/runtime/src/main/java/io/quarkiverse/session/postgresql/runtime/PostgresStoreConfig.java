package io.quarkiverse.session.postgresql.runtime;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The PostgreSQL session store: its tables, and how long the database may take to answer.
 */
@ConfigMapping(prefix = "quarkus.session.postgresql")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface PostgresStoreConfig {

    /**
     * The table of sessions: one row per session, under the SHA-256 of its ID (never the ID itself), with its times.
     * A plain or schema-qualified SQL name ({@code sessions}, {@code app.sessions}) of letters, digits and underscores,
     * at most 48 characters for the table itself.
     */
    @WithDefault("quarkus_session")
    String table();

    /**
     * The table of session values: one row per value, under its session's key and its name, with the value's JSON.
     * Its rows are deleted with their session. The same rules as {@code table} apply to its name.
     */
    @WithDefault("quarkus_session_value")
    String valueTable();

    /**
     * Whether the store creates its two tables and their index at startup when they do not exist, with the statements
     * the documentation publishes. Turn it off when Flyway, Liquibase or a database administrator manages the schema.
     */
    @WithDefault("true")
    boolean createSchema();

    /**
     * How long each statement may take before the store gives up on it and the HTTP request gets the {@code 503} with
     * {@code Retry-After} of a failed store. A load, a save, a change of ID ({@code Session.regenerate()}) and a
     * deletion are one statement each. {@code quarkus.session.store-timeout} (5 seconds by default) bounds each whole
     * store operation as well: keep this one shorter. Also bounds the listing of sessions and each batch of the cleanup
     * of expired sessions.
     */
    @WithDefault("2S")
    Duration timeout();

    /**
     * How many expired sessions one statement of the cleanup deletes at most. The cleanup runs every
     * {@code quarkus.session.sweep-interval} on every instance of the application, deleting batch after batch until
     * none is left: small batches keep each statement, and the locks it holds, short; instances skip the sessions
     * another one is deleting instead of waiting for them.
     */
    @WithDefault("500")
    int cleanupBatchSize();
}
