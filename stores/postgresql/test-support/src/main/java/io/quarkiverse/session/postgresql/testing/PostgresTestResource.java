package io.quarkiverse.session.postgresql.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

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
 * create (default {@value PostgresServerProcess#DEFAULT_DATABASE}); {@value #SETTING_PREFIX} {@code <name>=<value>}
 * a PostgreSQL setting of the server, as {@link PostgresServerBuilder#setting(String, String)} takes it (e.g.
 * {@code setting.shared_preload_libraries=pg_stat_statements}, for tests that count statements), one arg per setting.
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
    /**
     * Init arg prefix: {@code setting.<name>=<value>} sets a PostgreSQL setting of the server. One arg per setting,
     * since values such as {@code shared_preload_libraries} may hold commas themselves.
     */
    public static final String SETTING_PREFIX = "setting.";

    private String datasourceName;
    private String database;
    private final Map<String, String> settings = new TreeMap<>();
    private PostgresServerProcess server;

    @Override
    public void init(Map<String, String> initArgs) {
        datasourceName = initArgs.get(DATASOURCE_NAME);
        database = initArgs.getOrDefault(DATABASE, PostgresServerProcess.DEFAULT_DATABASE);
        settings.clear();
        initArgs.forEach((name, value) -> {
            if (name.startsWith(SETTING_PREFIX) && name.length() > SETTING_PREFIX.length()) {
                settings.put(name.substring(SETTING_PREFIX.length()), value);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        PostgresServerBuilder builder = PostgresServerProcess.builder().database(database);
        settings.forEach(builder::setting);
        server = builder.start();
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
