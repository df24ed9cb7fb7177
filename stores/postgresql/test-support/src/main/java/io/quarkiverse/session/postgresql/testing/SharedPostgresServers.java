package io.quarkiverse.session.postgresql.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * PostgreSQL servers by name, each started on first use and the same for every later use in the JVM: for a
 * {@code QuarkusUnitTest}, whose test class is loaded twice (by JUnit, and again by the application's class loader), so
 * that both copies of the class, each with its own static fields, use one server. The servers run until the JVM exits
 * (or a test closes one), when {@link PostgresServerProcess}' shutdown hook stops them.
 * <p>
 * That only holds when this class is loaded once, by JUnit's class loader: the test JVM needs the system property
 * {@code quarkus.class-loading.parent-first-artifacts=io.quarkiverse.session:quarkus-session-postgresql-test-support},
 * which makes the application's class loader delegate this artifact to its parent. Without it {@link #get} fails,
 * naming that property, instead of starting a second server the test would not know of.
 */
public final class SharedPostgresServers {

    /** The artifact whose classes must be loaded parent-first in a {@code QuarkusUnitTest}. */
    public static final String ARTIFACT = "io.quarkiverse.session:quarkus-session-postgresql-test-support";

    private static final Map<String, PostgresServerProcess> SERVERS = new ConcurrentHashMap<>();

    private SharedPostgresServers() {
    }

    /**
     * The server of this name, started by {@code start} if there is none yet.
     *
     * @throws IllegalStateException if this class was loaded by a Quarkus application's class loader, where it would
     *         hold servers of its own
     */
    public static PostgresServerProcess get(String name, Supplier<PostgresServerProcess> start) {
        ClassLoader loader = SharedPostgresServers.class.getClassLoader();
        if (loader != null && loader.getClass().getName().startsWith("io.quarkus.bootstrap.classloading.")) {
            throw new IllegalStateException(SharedPostgresServers.class.getSimpleName() + " was loaded by " + loader
                    + ", so the two copies of a QuarkusUnitTest class would get two servers: run the tests with the "
                    + "system property quarkus.class-loading.parent-first-artifacts=" + ARTIFACT);
        }
        return SERVERS.computeIfAbsent(name, ignored -> start.get());
    }

    /** The server of this name, started with the defaults of {@link PostgresServerProcess#start()} if there is none. */
    public static PostgresServerProcess get(String name) {
        return get(name, PostgresServerProcess::start);
    }
}
