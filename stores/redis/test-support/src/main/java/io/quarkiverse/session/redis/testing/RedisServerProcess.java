package io.quarkiverse.session.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real redis-server process on 127.0.0.1, started from the binary embedded-redis bundles, for tests.
 * <p>
 * Invariants: the port never changes, across {@link #stop()} and {@link #restart()}; the server binds only the loopback
 * address, runs with protected mode off and keeps its files (append-only file, {@code nodes-<port>.conf}, its log) in a
 * temporary directory of its own, which {@link #close()} deletes. Without {@linkplain Builder#persistent(boolean)
 * persistence} it writes nothing to disk ({@code --save "" --appendonly no}) and a restart starts empty; with it every
 * write is in the append-only file before redis-server replies ({@code --appendfsync always}), so even the hard kill of
 * {@link #stop()} loses nothing that was acknowledged.
 * <p>
 * {@link #start()}, {@link #restart()} and the builder's {@code start()} return only once the server answers
 * {@code PING} with {@code PONG}; a server that does not come up fails them with its exit status and the tail of its
 * log. Every process still running when the JVM exits is killed by a shutdown hook, so a failed test leaves none
 * behind. Thread-safe.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 25;
    /** Servers not yet closed: a shutdown hook kills them and deletes their directories. */
    private static final Set<RedisServerProcess> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(RedisServerProcess::closeOnExit),
                "redis-server-process-reaper"));
    }

    private final int port;
    private final Path directory;
    private final Path log;
    private final List<String> commandLine;
    private volatile Process process;

    private RedisServerProcess(int port, Path directory, List<String> commandLine) {
        this.port = port;
        this.directory = directory;
        this.log = directory.resolve("redis-server.log");
        this.commandLine = List.copyOf(commandLine);
        OPEN.add(this);
    }

    /** Starts a standalone server without persistence on a free port. */
    public static RedisServerProcess start() {
        return builder().start();
    }

    /** A builder for a server with options: persistence, extra redis-server arguments. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on, the same across restarts. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, the value for {@code quarkus.redis.hosts}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's own directory: its data files and its log. */
    public Path directory() {
        return directory;
    }

    /** Whether the process is alive: started and neither stopped nor crashed. */
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** A new connection of the test's own RESP client to this server; the caller closes it. */
    public RedisCommands connect() {
        return RedisCommands.connect(port);
    }

    /**
     * Kills the process (SIGKILL, as a crash would) and waits until it is gone, so that the port refuses connections at
     * once. Does nothing if it is not running. Only a {@linkplain Builder#persistent(boolean) persistent} server keeps
     * its data for {@link #restart()}.
     */
    public synchronized void stop() {
        kill();
    }

    /**
     * Freezes the process with {@code SIGSTOP}, as a stalled server (a long fork, a swapped-out host, a paused VM): it
     * keeps its port and its connections, the kernel still accepts new ones, and nothing is answered until
     * {@link #resume()}, which then answers everything sent meanwhile. {@link #stop()} and {@link #close()} kill a
     * paused server too.
     *
     * @throws IllegalStateException if the server is not running
     */
    public synchronized void pause() {
        signal("STOP");
    }

    /** Lets a {@linkplain #pause() paused} server run again ({@code SIGCONT}); harmless on a running one. */
    public synchronized void resume() {
        signal("CONT");
    }

    /**
     * Starts the server again on the same port and in the same directory, after {@link #stop()} (an outage test: stop,
     * check the application, restart); a running server is stopped first. Returns once it answers {@code PING}, which
     * for a persistent server is after it has loaded its append-only file.
     *
     * @throws IllegalStateException if it does not come up, e.g. because another process took the port meanwhile
     */
    public synchronized void restart() {
        kill();
        launch();
    }

    /** Stops the server and deletes its directory; never fails. */
    @Override
    public synchronized void close() {
        try {
            kill();
        } finally {
            deleteDirectory(directory);
            OPEN.remove(this);
        }
    }

    @Override
    public String toString() {
        return "redis-server on 127.0.0.1:" + port + (isRunning() ? "" : " (stopped)");
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + commandLine.get(0), e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int status = process.exitValue();
                process = null;
                throw new StartupFailure(this, "exited with status " + status);
            }
            try (RedisCommands commands = RedisCommands.connect("127.0.0.1", port, Duration.ofMillis(500))) {
                if ("PONG".equals(commands.ping())) {
                    return;
                }
            } catch (RedisErrorReply e) {
                // LOADING while it reads its append-only file: the server is alive, wait for it.
                lastProblem = e.reply();
            } catch (UncheckedIOException e) {
                lastProblem = String.valueOf(e.getCause());
            }
            waitBriefly();
        }
        kill();
        throw new StartupFailure(this, "did not answer PING within " + READY_TIMEOUT.toSeconds() + " s (" + lastProblem + ")");
    }

    private void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        try {
            if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(this + ": pid " + current.pid() + " did not die within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(this + ": interrupted while waiting for it to stop", e);
        }
        process = null;
    }

    /** Sends a signal with {@code kill}: the JDK sends only SIGTERM and SIGKILL. */
    private void signal(String name) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException(this + " is not running: cannot send SIG" + name);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(current.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + current.pid() + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(this + ": interrupted while sending SIG" + name, e);
        }
    }

    /** From the shutdown hook, where no lock is taken (a test thread may hold it) and nothing may fail. */
    private void closeOnExit() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
            try {
                current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteDirectory(directory);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void waitBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }

    static void deleteDirectory(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A temporary directory; what is left is the OS's to clean.
        }
    }

    /** redis-server did not come up; the message holds its command line and the tail of its log. */
    static final class StartupFailure extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        final boolean portTaken;

        StartupFailure(RedisServerProcess server, String what) {
            super("redis-server on 127.0.0.1:" + server.port + " " + what + "\ncommand line: "
                    + String.join(" ", server.commandLine) + "\nlast lines of " + server.log + ":\n" + server.logTail());
            this.portTaken = server.logTail().contains("Address already in use");
        }
    }

    /**
     * Options of a server to start. By default: standalone, no persistence, a free port.
     */
    public static final class Builder {

        private boolean persistent;
        private boolean clusterNode;
        private final List<String> arguments = new ArrayList<>();

        private Builder() {
        }

        /**
         * Whether the data survives {@link RedisServerProcess#stop()} and {@link RedisServerProcess#restart()}:
         * {@code --appendonly yes --appendfsync always}, so that every acknowledged write is on disk. Default false.
         */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        /**
         * Extra redis-server arguments, appended to the defaults and so overriding them: {@code argument("--maxmemory",
         * "10mb")}.
         */
        public Builder argument(String... arguments) {
            this.arguments.addAll(List.of(arguments));
            return this;
        }

        /** A Redis Cluster node: a port whose bus port is free too, cluster mode on. */
        Builder clusterNode() {
            this.clusterNode = true;
            return this;
        }

        /**
         * Starts the server on a free port, retrying on another port if a different process took the chosen one
         * first.
         *
         * @throws IllegalStateException if it does not come up; the message holds the tail of its log
         */
        public RedisServerProcess start() {
            for (int attempt = 1;; attempt++) {
                int port = clusterNode ? LoopbackPorts.freeWithClusterBus() : LoopbackPorts.free();
                Path directory = createDirectory(port);
                RedisServerProcess server = new RedisServerProcess(port, directory, commandLine(port, directory));
                try {
                    server.launch();
                    return server;
                } catch (StartupFailure e) {
                    server.close();
                    if (!e.portTaken || attempt == PORT_ATTEMPTS) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
        }

        private List<String> commandLine(int port, Path directory) {
            List<String> line = new ArrayList<>(List.of(RedisBinary.path().toString(),
                    "--port", String.valueOf(port),
                    "--bind", "127.0.0.1",
                    "--protected-mode", "no",
                    "--daemonize", "no",
                    "--logfile", "",
                    "--dir", directory.toString(),
                    "--save", ""));
            if (persistent) {
                line.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
            } else {
                line.addAll(List.of("--appendonly", "no"));
            }
            if (clusterNode) {
                line.addAll(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes-" + port + ".conf",
                        "--cluster-node-timeout", "2000"));
            }
            line.addAll(arguments);
            return line;
        }

        private static Path createDirectory(int port) {
            try {
                return Files.createTempDirectory("redis-" + port + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a directory for redis-server", e);
            }
        }
    }
}
