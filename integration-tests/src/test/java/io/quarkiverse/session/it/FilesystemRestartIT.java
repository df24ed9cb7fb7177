package io.quarkiverse.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application on the filesystem store, killed with SIGKILL while it writes sessions, restarted each time:
 * sessions survive restarts, and no kill leaves a session file that cannot be read.
 * <p>
 * Every kill lands while writes succeed: the test waits for successful writes in each window before it kills. Only
 * answers {@code 200} count as writes; any other answer fails the test, and so does any exception except a connection
 * error after the kill began. The application is the one the build packaged, as its artifact record names it (a jar or a
 * native executable).
 */
class FilesystemRestartIT {

    private static final int KILLS = 4;
    private static final int WRITERS = 4;
    /** Successful writes each window needs before the kill: the kill must land among writes. */
    private static final int WRITES_BEFORE_KILL = 2 * WRITERS;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path sessions;

    @Test
    void sessionsSurviveRestartsAndKillsDuringWrites() throws Exception {
        Random random = new Random(42);
        // The store creates the directory, 0700: @TempDir is private already, and the store refuses anything less.
        Path directory = sessions.resolve("sessions");
        App app = App.start(directory);
        String cartCookie;
        try {
            HttpResponse<String> cart = app.send(HttpRequest.newBuilder(app.uri("/cart"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"apple\",\"quantity\":2}")));
            assertEquals(200, cart.statusCode(), cart.body());
            cartCookie = cart.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        } finally {
            app.kill();
        }

        List<Integer> writesPerWindow = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            writesPerWindow.add(writeThenKill(App.start(directory), random));
        }

        App restarted = App.start(directory);
        try {
            HttpResponse<String> cart = restarted.send(HttpRequest.newBuilder(restarted.uri("/cart"))
                    .header("Cookie", cartCookie).GET());
            assertEquals(200, cart.statusCode());
            assertTrue(cart.body().contains("apple"), "the cart survived " + KILLS + " kills and restarts: " + cart.body());

            long files;
            try (Stream<Path> entries = Files.list(directory)) {
                files = entries.filter(file -> file.getFileName().toString().endsWith(".json")).count();
            }
            HttpResponse<String> readable = restarted.send(HttpRequest.newBuilder(restarted.uri("/store/size")).GET());
            assertEquals(200, readable.statusCode(), readable.body());
            assertEquals(files, Long.parseLong(readable.body().trim()),
                    "every session file left by " + KILLS + " kills during " + writesPerWindow + " writes is readable");
        } finally {
            restarted.kill();
        }
    }

    /**
     * Writes sessions from several clients until enough writes succeeded, a little longer, then kills the application.
     *
     * @return the number of successful writes
     */
    private static int writeThenKill(App app, Random random) throws Exception {
        AtomicInteger writes = new AtomicInteger();
        AtomicBoolean killing = new AtomicBoolean();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int writer = 0; writer < WRITERS; writer++) {
                writers.submit(() -> write(app, writes, killing, failures));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (writes.get() < WRITES_BEFORE_KILL && failures.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of(), List.copyOf(failures), "writes failed while the application ran");
            assertTrue(writes.get() >= WRITES_BEFORE_KILL,
                    "only " + writes.get() + " writes succeeded within 30 s:\n" + Files.readString(app.log()));
            Thread.sleep(100 + random.nextInt(500));
            killing.set(true);
            app.kill();
        } finally {
            killing.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS), "the writers stopped");
            app.kill();
        }
        assertEquals(List.of(), List.copyOf(failures), "only connection errors after the kill are expected");
        return writes.get();
    }

    /** One client: writes until the kill, counting the answers 200 and recording every other outcome as a failure. */
    private static void write(App app, AtomicInteger writes, AtomicBoolean killing, Queue<String> failures) {
        String cookie = null;
        for (int i = 0; !killing.get(); i++) {
            HttpRequest.Builder put = HttpRequest.newBuilder(
                    app.uri("/probe/put-large?key=k" + (i % 8) + "&size=" + (100 + (i * 37) % 1500)))
                    .POST(HttpRequest.BodyPublishers.noBody());
            if (cookie != null && i % 20 != 0) {
                put.header("Cookie", cookie);
            }
            HttpResponse<String> response;
            try {
                response = app.send(put);
            } catch (IOException e) {
                if (killing.get() && !(e instanceof HttpTimeoutException)) {
                    // The connection died with the application.
                    return;
                }
                failures.add(e.toString());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e.toString());
                return;
            }
            if (response.statusCode() != 200) {
                failures.add("answer " + response.statusCode() + ": " + response.body());
                return;
            }
            writes.incrementAndGet();
            cookie = response.headers().firstValue("Set-Cookie").map(h -> h.split(";")[0]).orElse(cookie);
        }
    }

    /** The packaged application, run as its own process. */
    record App(Process process, int port, Path log) {

        static App start(Path sessions) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("filesystem-restart", ".log");
            // Read into the failure message when the application does not start; one per restart, so not kept.
            log.toFile().deleteOnExit();
            List<String> command = Artifact.read().command(List.of("-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port, "-Dquarkus.session.store=filesystem",
                    "-Dquarkus.session.filesystem.path=" + sessions));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            App app = new App(process, port, log);
            app.awaitReady();
            return app;
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        void awaitReady() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("The application exited at startup:\n" + Files.readString(log));
                }
                try {
                    if (send(HttpRequest.newBuilder(uri("/no-session")).GET()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            kill();
            throw new AssertionError("The application did not answer within 60 s:\n" + Files.readString(log));
        }

        void kill() throws InterruptedException {
            if (!process.isAlive()) {
                return;
            }
            // SIGKILL: no shutdown hook, no flush, as in a crash.
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * What the build packaged, as Quarkus records it in {@code target/quarkus-artifact.properties}: the type
     * ({@code jar} or {@code native}) and the path, relative to {@code target/}. Read rather than guessed, so the test
     * runs what this build made, never a leftover of another.
     */
    record Artifact(String type, Path path) {

        static Artifact read() throws IOException {
            Path target = Path.of("target");
            Path record = target.resolve("quarkus-artifact.properties");
            assertTrue(Files.isRegularFile(record), "the build wrote no " + record.toAbsolutePath());
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(record)) {
                properties.load(reader);
            }
            String type = properties.getProperty("type");
            String path = properties.getProperty("path");
            assertTrue(type != null && path != null, record + " names no type and path: " + properties);
            Artifact artifact = new Artifact(type, target.resolve(path));
            assertTrue(Files.isRegularFile(artifact.path()), record + " names " + artifact.path() + ", which is missing");
            return artifact;
        }

        /** The command that runs it with system properties, which a JVM takes before {@code -jar}. */
        List<String> command(List<String> systemProperties) {
            List<String> command = new ArrayList<>();
            switch (type) {
                case "jar" -> {
                    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                    command.addAll(systemProperties);
                    command.addAll(List.of("-jar", path.toString()));
                }
                case "native" -> {
                    command.add(path.toString());
                    command.addAll(systemProperties);
                }
                default -> throw new AssertionError("cannot run an artifact of type " + type + " (" + path + ")");
            }
            return command;
        }
    }
}
