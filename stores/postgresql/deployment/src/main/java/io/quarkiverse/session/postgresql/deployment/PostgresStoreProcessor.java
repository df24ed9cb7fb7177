package io.quarkiverse.session.postgresql.deployment;

import org.jboss.jandex.DotName;

import io.quarkiverse.session.deployment.SessionStoreProviderBuildItem;
import io.quarkiverse.session.postgresql.runtime.PostgresStoreBuildTimeConfig;
import io.quarkiverse.session.postgresql.runtime.PostgresStoreRecorder;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;

/**
 * Contributes the PostgreSQL store, under the name {@code postgresql}, on the reactive pool of a Quarkus datasource. As
 * the only store extension of an application it is the store used when {@code quarkus.session.store} is not set.
 */
class PostgresStoreProcessor {

    static final String STORE_NAME = "postgresql";
    private static final String FEATURE = "session-postgresql";
    private static final DotName MUTINY_POOL = DotName.createSimple("io.vertx.mutiny.sqlclient.Pool");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The store looks its datasource's pool up when it starts, which no injection point shows the bean container.
     */
    @BuildStep
    UnremovableBeanBuildItem keepDatasourcePools() {
        return UnremovableBeanBuildItem.beanTypes(MUTINY_POOL);
    }

    /**
     * Without the datasource's cache of prepared statements, the reactive client prepares every statement anew, an extra
     * round trip per load and per save; with it, each is one. The application's own setting wins.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem cachePreparedStatements(PostgresStoreBuildTimeConfig config) {
        String datasource = config.datasource().filter(name -> !DataSourceUtil.isDefault(name))
                .map(name -> "quarkus.datasource.\"" + name + "\".").orElse("quarkus.datasource.");
        return new RunTimeConfigurationDefaultBuildItem(datasource + "reactive.cache-prepared-statements", "true");
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem postgresqlStore(PostgresStoreRecorder recorder, PostgresStoreBuildTimeConfig config) {
        String datasource = config.datasource().filter(name -> !DataSourceUtil.isDefault(name)).orElse(null);
        return new SessionStoreProviderBuildItem(STORE_NAME, recorder.postgresqlStore(datasource));
    }
}
