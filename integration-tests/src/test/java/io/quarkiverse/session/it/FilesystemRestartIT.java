package io.quarkiverse.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 */
class FilesystemRestartIT {

    private static final int KILLS = 4;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path sessions;

    @Test
    void sessionsSurviveRestartsAndKillsDuringWrites() throws Exception {
        Random random = new Random(42);
        App app = App.start(sessions);
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

        AtomicInteger writes = new AtomicInteger();
        for (int kill = 0; kill < KILLS; kill++) {
            App writing = App.start(sessions);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int writer = 0; writer < 4; writer++) {
                int id = writer;
                writers.submit(() -> {
                    String cookie = null;
                    for (int i = 0; running.get() && i < 100_000; i++) {
                        try {
                            HttpRequest.Builder put = HttpRequest.newBuilder(
                                    writing.uri("/probe/put-large?key=k" + (i % 8) + "&size=" + (100 + (i * 37) % 1500)))
                                    .POST(HttpRequest.BodyPublishers.noBody());
                            if (cookie != null && i % 20 != 0) {
                                put.header("Cookie", cookie);
                            }
                            HttpResponse<String> response = writing.send(put);
                            cookie = response.headers().firstValue("Set-Cookie").map(h -> h.split(";")[0]).orElse(cookie);
                            writes.incrementAndGet();
                        } catch (Exception e) {
                            return id; // the application was killed
                        }
                    }
                    return id;
                });
            }
            Thread.sleep(300 + random.nextInt(700));
            writing.kill();
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS));
        }

        App restarted = App.start(sessions);
        try {
            HttpResponse<String> cart = restarted.send(HttpRequest.newBuilder(restarted.uri("/cart"))
                    .header("Cookie", cartCookie).GET());
            assertEquals(200, cart.statusCode());
            assertTrue(cart.body().contains("apple"), "the cart survived " + KILLS + " kills and restarts: " + cart.body());

            long files;
            try (Stream<Path> entries = Files.list(sessions)) {
                files = entries.filter(file -> file.getFileName().toString().endsWith(".json")).count();
            }
            HttpResponse<String> readable = restarted.send(HttpRequest.newBuilder(restarted.uri("/store/size")).GET());
            assertTrue(writes.get() > 0, "sessions were written while the application was killed");
            assertEquals(files, Long.parseLong(readable.body().trim()),
                    "every session file left by " + KILLS + " kills during " + writes.get() + " writes is readable");
        } finally {
            restarted.kill();
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
            List<String> command = new ArrayList<>();
            String nativeImage = System.getProperty("native.image.path");
            if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
                command.add(nativeImage);
            } else {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            }
            command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.session.store=filesystem", "-Dquarkus.session.filesystem.path=" + sessions));
            if (!command.get(0).equals(nativeImage)) {
                command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
            }
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
            // SIGKILL: no shutdown hook, no flush, as in a crash.
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
