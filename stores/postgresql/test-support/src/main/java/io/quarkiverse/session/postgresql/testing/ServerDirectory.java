package io.quarkiverse.session.postgresql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The temporary directory of one {@link PostgresServerProcess}: {@code data/}, the data directory, owned by the
 * {@linkplain ServerUser server's user} with mode 0700 as PostgreSQL demands, and {@code postgresql.log}, which the JVM
 * opens and the server's output is appended to (so the server needs no right to write there). The directory itself is
 * {@code rwxr-xr-x}, so that {@code nobody} reaches the data directory when the JVM runs as root.
 */
final class ServerDirectory {

    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 30;

    private final Path root;

    private ServerDirectory(Path root) {
        this.root = root;
    }

    /** A new, empty directory in the {@linkplain ServerUser#temporaryDirectory() server user's temporary directory}. */
    static ServerDirectory create() {
        try {
            Path root = Files.createTempDirectory(ServerUser.get().temporaryDirectory(), "postgresql-");
            ServerUser.openToServer(root);
            return new ServerDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for PostgreSQL", e);
        }
    }

    Path root() {
        return root;
    }

    Path data() {
        return root.resolve("data");
    }

    Path log() {
        return root.resolve("postgresql.log");
    }

    /**
     * Runs initdb as the server's user: superuser {@code username} with {@code password} (SCRAM for every connection),
     * UTF-8, the C locale, no fsync of the new files.
     *
     * @throws IllegalStateException if initdb fails; the message holds its output
     */
    void initdb(String username, String password) {
        Path passwordFile = root.resolve("password");
        try {
            Files.createDirectory(data());
            ServerUser.get().handOver(data());
            // initdb reads the password from a file; it is a public test constant, readable by the server's user.
            Files.writeString(passwordFile, password + "\n");
            ServerUser.get().handOver(passwordFile);
            List<String> command = ServerUser.get().command(List.of(PostgresBinaries.program("initdb").toString(),
                    "-D", data().toString(), "-U", username, "--pwfile=" + passwordFile, "--auth=scram-sha-256",
                    "-E", "UTF8", "--no-locale", "--no-sync"));
            Process initdb = processBuilder(command).start();
            if (!initdb.waitFor(INITDB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                initdb.destroyForcibly();
                throw new IllegalStateException("initdb did not finish within " + INITDB_TIMEOUT.toSeconds() + " s");
            }
            if (initdb.exitValue() != 0) {
                throw new IllegalStateException("initdb exited with status " + initdb.exitValue() + "\ncommand line: "
                        + String.join(" ", command) + "\n" + logTail(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot initialize a PostgreSQL data directory in " + root, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running initdb", e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ignored) {
                // Deleted with the directory at the latest.
            }
        }
    }

    /**
     * A process builder for a PostgreSQL program, in this directory, its output appended to the log, in UTC and the C
     * locale: initdb then skips probing the system's time zones, and messages are in English.
     */
    ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log().toFile()));
        builder.environment().put("TZ", "UTC");
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    /** The log's size now: where what a launch logs begins. */
    long logSize() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last lines of the log written from byte {@code from} on. */
    String logTail(long from) {
        try {
            byte[] bytes = Files.readAllBytes(log());
            int start = (int) Math.min(from, bytes.length);
            List<String> lines = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The pid in {@code data/postmaster.pid}, which the running postmaster writes; empty if there is none. */
    OptionalLong postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(data().resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Deletes the directory and all in it; never fails. */
    void delete() {
        deleteRecursively(root);
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A temporary directory; what is left is the OS's to clean.
        }
    }
}
