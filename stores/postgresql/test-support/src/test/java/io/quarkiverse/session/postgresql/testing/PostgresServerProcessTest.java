package io.quarkiverse.session.postgresql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class PostgresServerProcessTest {

    @Test
    void startedServerAcceptsThePasswordOnLoopbackWithTheTestSettings() {
        try (PostgresServerProcess server = PostgresServerProcess.start();
                PostgresCommands sql = server.connect()) {
            assertEquals("jdbc:postgresql://127.0.0.1:" + server.port() + "/sessions", server.jdbcUrl());
            assertEquals("postgresql://127.0.0.1:" + server.port() + "/sessions", server.reactiveUrl());
            assertEquals(List.of("postgres"), sql.queryStrings("SELECT current_user"));
            assertEquals(List.of("sessions"), sql.queryStrings("SELECT current_database()"));
            assertEquals(List.of("127.0.0.1"), sql.queryStrings("SHOW listen_addresses"));
            assertEquals(List.of(""), sql.queryStrings("SHOW unix_socket_directories"));
            assertEquals(List.of("off"), sql.queryStrings("SHOW fsync"));
            assertEquals(100, Long.parseLong(sql.queryStrings("SHOW max_connections").get(0)));
            assertEquals(List.of("scram-sha-256"), sql.queryStrings(
                    "SELECT DISTINCT auth_method FROM pg_hba_file_rules WHERE type = 'host' AND address = '127.0.0.1'"));
        }
    }

    @Test
    void serverProcessesRunAsNobodyUnderRootAndAsTheCurrentUserOtherwise() throws Exception {
        int currentUid = uidOf(ProcessHandle.current().pid());
        int expected = currentUid == 0 ? Integer.parseInt(run("id", "-u", "nobody")) : currentUid;
        try (PostgresServerProcess server = PostgresServerProcess.start()) {
            List<ProcessHandle> processes = server.processes();

            assertTrue(processes.size() > 3, "postmaster and its background processes: " + processes);
            for (ProcessHandle process : processes) {
                int uid;
                try {
                    uid = uidOf(process.pid());
                } catch (NoSuchFileException e) {
                    // Exited since the listing: a backend whose client has just left (the readiness check's).
                    continue;
                }
                assertEquals(expected, uid, process.info().toString());
            }
        }
    }

    @Test
    void wrongPasswordIsRejected() {
        try (PostgresServerProcess server = PostgresServerProcess.start()) {
            PostgresQueryException failure = assertThrows(PostgresQueryException.class,
                    () -> PostgresCommands.connect(server.jdbcUrl(), "postgres", "wrong", Duration.ofSeconds(5)));

            assertEquals("28P01", failure.sqlState(), failure.getMessage());
        }
    }

    @Test
    void committedDataSurviveStopAndRestartOnTheSamePort() {
        try (PostgresServerProcess server = PostgresServerProcess.start()) {
            int port = server.port();
            server.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            assertEquals(1, server.execute("INSERT INTO notes VALUES (?, ?)", 1, "kept"));

            server.stop();
            assertFalse(server.isRunning());
            PostgresQueryException refused = assertThrows(PostgresQueryException.class, server::connect);
            assertEquals("08001", refused.sqlState(), refused.getMessage());
            server.restart();

            assertEquals(port, server.port());
            assertEquals(List.of(Map.of("id", 1, "body", "kept")), server.queryRows("SELECT * FROM notes"));
        }
    }

    @Test
    void killIsACrashThatRestartRecoversFromWithEveryCommittedRow() {
        try (PostgresServerProcess server = PostgresServerProcess.start()) {
            server.execute("CREATE TABLE notes (id int)");
            server.execute("INSERT INTO notes SELECT generate_series(1, 1000)");
            List<ProcessHandle> processes = server.processes();

            server.kill();

            assertFalse(server.isRunning());
            processes.forEach(process -> assertTrue(ProcessTree.isGone(process), process.toString()));
            server.restart();
            assertEquals(1000, server.queryLong("SELECT count(*) FROM notes"));
            assertTrue(server.logTail().contains("database system was interrupted"), server.logTail());
        }
    }

    @Test
    void pausedServerAnswersNothingOnOldOrNewConnectionsUntilResumed() throws Exception {
        try (PostgresServerProcess server = PostgresServerProcess.start();
                PostgresCommands patient = server.connect(Duration.ofSeconds(30));
                PostgresCommands impatient = server.connect(Duration.ofSeconds(2))) {
            server.pause();
            assertTrue(server.isPaused());
            assertTrue(server.isRunning(), "paused, not dead");
            for (ProcessHandle process : server.processes()) {
                assertTrue(status(process.pid()).contains("State:\tT"), "stopped: " + process.info());
            }

            long start = System.nanoTime();
            assertThrows(PostgresQueryException.class, () -> impatient.queryLong("SELECT 1"));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1900), "timed out, did not fail fast");
            assertThrows(PostgresQueryException.class, () -> server.connect(Duration.ofSeconds(2)));
            CompletableFuture<Long> stalled = CompletableFuture.supplyAsync(() -> patient.queryLong("SELECT 42"));
            Thread.sleep(1000);
            assertFalse(stalled.isDone(), "a query on a paused server hangs");

            server.resume();

            assertEquals(42, stalled.get(10, TimeUnit.SECONDS));
            assertFalse(server.isPaused());
            assertEquals(1, server.queryLong("SELECT 1"));
        }
    }

    @Test
    void pausedServerStopsAndRestarts() {
        try (PostgresServerProcess server = PostgresServerProcess.start()) {
            server.pause();

            server.stop();
            assertFalse(server.isRunning());
            assertFalse(server.isPaused());
            server.restart();

            assertEquals(1, server.queryLong("SELECT 1"));
        }
    }

    @Test
    void stoppedServerCannotBePaused() {
        try (PostgresServerProcess server = PostgresServerProcess.start()) {
            server.stop();

            assertThrows(IllegalStateException.class, server::pause);
        }
    }

    @Test
    void closeDeletesTheDirectoryAndLeavesNoServerProcess() throws IOException {
        PostgresServerProcess server = PostgresServerProcess.builder().database("postgres").start();
        Path directory = server.directory();
        List<ProcessHandle> processes = server.processes();
        assertEquals(List.of("postgres"), server.queryStrings("SELECT current_database()"));
        assertTrue(Files.isDirectory(directory.resolve("data")));

        server.close();

        assertFalse(server.isRunning());
        assertFalse(Files.exists(directory));
        processes.forEach(process -> assertTrue(ProcessTree.isGone(process), process.toString()));
        assertEquals(List.of(), processesMentioning(directory.toString()));
    }

    @Test
    void serverThatCannotStartFailsWithItsLogTail() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> PostgresServerProcess.builder().setting("shared_buffers", "plenty").start());

        assertTrue(failure.getMessage().contains("exited with status"), failure.getMessage());
        assertTrue(failure.getMessage().contains("invalid value for parameter \"shared_buffers\""), failure.getMessage());
    }

    @Test
    void databaseMustBeAPlainIdentifier() {
        assertThrows(IllegalArgumentException.class, () -> PostgresServerProcess.builder().database("x; DROP"));
    }

    private static int uidOf(long pid) throws IOException {
        String uidLine = status(pid).lines().filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
        return Integer.parseInt(uidLine.split("\\s+")[1]);
    }

    private static String status(long pid) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), "status"));
    }

    /** Live (not zombie) processes whose command line contains the text. */
    private static List<Long> processesMentioning(String text) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(path -> path.getFileName().toString().matches("\\d+"))
                    .filter(path -> {
                        try {
                            String commandLine = new String(Files.readAllBytes(path.resolve("cmdline")),
                                    StandardCharsets.UTF_8);
                            return commandLine.contains(text);
                        } catch (IOException | UncheckedIOException e) {
                            return false;
                        }
                    })
                    .map(path -> Long.parseLong(path.getFileName().toString()))
                    .filter(pid -> ProcessHandle.of(pid).map(process -> !ProcessTree.isGone(process)).orElse(false))
                    .toList();
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor());
        return output;
    }
}
