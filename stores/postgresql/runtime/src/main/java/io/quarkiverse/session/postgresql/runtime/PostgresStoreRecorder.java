package io.quarkiverse.session.postgresql.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.arc.ActiveResult;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.mutiny.sqlclient.Pool;

@Recorder
public class PostgresStoreRecorder {

    static final String DATASOURCE = "quarkus.session.postgresql.datasource";
    private static final String TIMEOUT = "quarkus.session.postgresql.timeout";
    private static final String CLEANUP_BATCH_SIZE = "quarkus.session.postgresql.cleanup-batch-size";

    private final RuntimeValue<PostgresStoreConfig> config;

    public PostgresStoreRecorder(RuntimeValue<PostgresStoreConfig> config) {
        this.config = config;
    }

    /**
     * Creates the PostgreSQL store when it is the one selected, on the reactive pool of the datasource the build
     * names, and starts creating its tables.
     *
     * @param datasource the name of the datasource, {@code null} for the default datasource
     */
    public Supplier<SessionStore> postgresqlStore(String datasource) {
        return () -> {
            PostgresStoreConfig settings = config.getValue();
            Duration timeout = settings.timeout();
            if (timeout.isZero() || timeout.isNegative()) {
                throw new ConfigurationException(TIMEOUT + " must be positive, got " + timeout
                        + ": set it to how long one statement may take, such as 2S", Set.of(TIMEOUT));
            }
            if (settings.cleanupBatchSize() < 1) {
                throw new ConfigurationException(CLEANUP_BATCH_SIZE + " must be at least 1, got "
                        + settings.cleanupBatchSize() + ": set it to how many expired sessions one statement deletes, "
                        + "such as 500", Set.of(CLEANUP_BATCH_SIZE));
            }
            PostgresSessionStore store = new PostgresSessionStore(activePool(datasource).getDelegate(), settings.table(),
                    settings.valueTable(), settings.createSchema(), timeout, settings.cleanupBatchSize());
            store.prepareSchema();
            return store;
        };
    }

    private static Pool activePool(String datasource) {
        InjectableInstance<Pool> pools = datasource == null ? Arc.container().select(Pool.class)
                : Arc.container().select(Pool.class, new ReactiveDataSource.ReactiveDataSourceLiteral(datasource));
        ActiveResult active = pools.isResolvable() ? pools.getHandle().getBean().checkActive()
                : ActiveResult.inactive("it has no reactive pool: is its db-kind postgresql, and its reactive client "
                        + "enabled?");
        if (!active.value()) {
            String url = datasource == null ? "quarkus.datasource.reactive.url"
                    : "quarkus.datasource.\"" + datasource + "\".reactive.url";
            String which = datasource == null
                    ? "the default datasource (" + DATASOURCE + " is not set)"
                    : "the datasource '" + datasource + "' (" + DATASOURCE + "=" + datasource + ")";
            String devServices = datasource == null
                    ? " (in dev mode and tests with a container runtime, the datasource's Dev Services set it)"
                    : "";
            throw new ConfigurationException("The PostgreSQL session store uses " + which + ", which is not active: set "
                    + url + devServices + ", or set " + DATASOURCE + " to the name of a configured PostgreSQL "
                    + "datasource. The datasource extension says: " + active.inactiveReason().strip(),
                    Set.of(DATASOURCE, url));
        }
        return pools.get();
    }
}
