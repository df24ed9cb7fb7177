package io.quarkiverse.session.it;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second instance of the packaged application (the jar or native executable the build made, as
 * {@link FilesystemRestartIT.Artifact} reads it), run as a process of its own on a free loopback port with the given
 * system properties: with the test's application, two instances behind one store. Closing it kills it.
 */
final class SecondInstance implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private SecondInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts it and returns once it answers. */
    static SecondInstance start(List<String> systemProperties) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("second-instance", ".log");
        log.toFile().deleteOnExit();
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        properties.addAll(systemProperties);
        Process process = new ProcessBuilder(FilesystemRestartIT.Artifact.read().command(properties))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SecondInstance instance = new SecondInstance(process, port, log);
        instance.awaitReady();
        return instance;
    }

    /** Sends a request, with the session cookie if {@code id} is not null. */
    HttpResponse<String> send(String method, String path, String id) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (id != null) {
            request.header("Cookie", SessionCookies.NAME + "=" + id);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session ID a response sets, if it sets one. */
    static Optional<String> issuedId(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SessionCookies.NAME + "="))
                .map(header -> header.substring(SessionCookies.NAME.length() + 1, header.indexOf(';')))
                .filter(value -> !value.isEmpty()).findFirst();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The second instance exited at startup:\n" + Files.readString(log));
            }
            try {
                if (send("GET", "/no-session", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        close();
        throw new AssertionError("The second instance did not answer within 60 s:\n" + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
