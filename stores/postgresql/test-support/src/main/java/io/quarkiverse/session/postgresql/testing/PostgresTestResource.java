package io.quarkiverse.session.postgresql.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link PostgresServerProcess} for a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} and points the
 * reactive datasource at it, with its Dev Services off: {@code quarkus.datasource.reactive.url=postgresql://127.0.0.1:
 * <port>/<database>}, {@code quarkus.datasource.username}, {@code quarkus.datasource.password},
 * {@code quarkus.datasource.devservices.enabled=false}. Fields annotated {@link InjectPostgres} of type
 * {@link PostgresServerProcess} receive the server. {@link #stop()} stops it and deletes its data.
 * <p>
 * Init args ({@code @ResourceArg}): {@value #DATASOURCE_NAME} {@code =<name>} configures the named datasource
 * {@code quarkus.datasource.<name>.*} instead of the default one; {@value #DATABASE} {@code =<name>} the database to
 * create (default {@value PostgresServerProcess#DEFAULT_DATABASE}).
 * <p>
 * {@code quarkus.datasource.db-kind} is fixed at build time, so it is not set here. Also set
 * {@code quarkus.datasource.db-kind=postgresql} and {@code quarkus.datasource.devservices.enabled=false} in the tests'
 * {@code application.properties}: Dev Services are decided at build time, before this resource's config is seen, and
 * would otherwise look for a container runtime.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: the name of the datasource to configure. Default: the default datasource. */
    public static final String DATASOURCE_NAME = "datasource-name";
    /** Init arg: the database to create and point the datasource at. */
    public static final String DATABASE = "database";

    private String datasourceName;
    private String database;
    private PostgresServerProcess server;

    @Override
    public void init(Map<String, String> initArgs) {
        datasourceName = initArgs.get(DATASOURCE_NAME);
        database = initArgs.getOrDefault(DATABASE, PostgresServerProcess.DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        server = PostgresServerProcess.builder().database(database).start();
        return datasourceConfig(datasourceName, server);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectPostgres.class, PostgresServerProcess.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * The reactive datasource's config for the server: of the default datasource when {@code datasourceName} is null,
     * else of the named one; Dev Services off for both, since the test brings its own PostgreSQL.
     */
    static Map<String, String> datasourceConfig(String datasourceName, PostgresServerProcess server) {
        boolean named = datasourceName != null && !datasourceName.isBlank();
        String prefix = named ? "quarkus.datasource." + datasourceName + "." : "quarkus.datasource.";
        Map<String, String> config = new HashMap<>();
        config.put(prefix + "reactive.url", server.reactiveUrl());
        config.put(prefix + "username", server.username());
        config.put(prefix + "password", server.password());
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put(prefix + "devservices.enabled", "false");
        return config;
    }
}
