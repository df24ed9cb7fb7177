package io.quarkiverse.session.redis.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server, the binary that {@code com.github.codemonstur:embedded-redis} ships, on a free loopback port, with
 * its data in a directory of its own (an append-only file written on every command, so that a restart keeps it); and a
 * raw RESP connection to look at what it holds. Stopped when the JVM exits, if the test did not.
 * <p>
 * Meant to be replaced by the shared {@code io.quarkiverse.session.redis.testing} support once it lands.
 */
final class RedisServer implements AutoCloseable {

    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    /**
     * The system property under which a server's port, directory and process ID are kept: a QuarkusUnitTest loads its
     * test class twice, in two class loaders, and both must see the same server.
     */
    private final String property;

    private RedisServer(String property) {
        this.property = property;
    }

    /**
     * The server named {@code name}, started on first use.
     */
    static RedisServer shared(String name) {
        RedisServer server = new RedisServer("quarkus-session-redis-test." + name);
        synchronized (System.getProperties()) {
            if (System.getProperty(server.property) == null) {
                try {
                    Path directory = Files.createTempDirectory("redis-session-test");
                    System.setProperty(server.property, freePort() + " 0 " + directory);
                    server.restart();
                } catch (IOException e) {
                    throw new IllegalStateException("Could not start redis-server", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            }
        }
        return server;
    }

    private String[] state() {
        return System.getProperty(property).split(" ", 3);
    }

    int port() {
        return Integer.parseInt(state()[0]);
    }

    private long pid() {
        return Long.parseLong(state()[1]);
    }

    private Path directory() {
        return Path.of(state()[2]);
    }

    String uri() {
        return "redis://127.0.0.1:" + port();
    }

    /** Starts the server again, on the same port and with the same data. */
    void restart() throws IOException {
        Path directory = directory();
        Path binary = directory.resolve("redis-server");
        if (!Files.exists(binary)) {
            try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(BINARY)) {
                if (in == null) {
                    throw new IllegalStateException(BINARY + " is not on the test class path (embedded-redis)");
                }
                Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            }
            binary.toFile().setExecutable(true);
        }
        Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port()), "--bind",
                "127.0.0.1", "--dir", directory.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        System.setProperty(property, port() + " " + process.pid() + " " + directory);
        Instant giveUp = Instant.now().plusSeconds(30);
        while (true) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(giveUp)) {
                    throw new IOException("redis-server did not start: " + Files.readString(directory.resolve("redis.log")));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    /** Kills the server, as a crash would; its append-only file holds every write it answered. */
    void stop() {
        ProcessHandle.of(pid()).ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("redis-server did not stop", e);
            }
        });
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Sends one command on a connection of its own and returns the reply: a String, a Long, a List, or null.
     */
    Object command(String... args) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** {@code INFO commandstats}, as the number of calls of each command. */
    Map<String, Long> commandCalls() throws IOException {
        Map<String, Long> calls = new HashMap<>();
        for (String line : ((String) command("INFO", "commandstats")).split("\r\n")) {
            // cmdstat_hgetall:calls=3,usec=20,usec_per_call=6.67,...
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String counts = line.substring(line.indexOf("calls=") + "calls=".length());
                calls.put(name, Long.parseLong(counts.substring(0, counts.indexOf(','))));
            }
        }
        return calls;
    }

    private static Object read(InputStream in) throws IOException {
        String line = readLine(in);
        return switch (line.charAt(0)) {
            case '+' -> line.substring(1);
            case '-' -> throw new IOException("Redis error: " + line.substring(1));
            case ':' -> Long.parseLong(line.substring(1));
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                yield new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line.substring(1));
                if (count < 0) {
                    yield null;
                }
                Object[] items = new Object[count];
                for (int i = 0; i < count; i++) {
                    items[i] = read(in);
                }
                yield Arrays.asList(items);
            }
            default -> throw new IOException("Unexpected RESP reply: " + line);
        };
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Connection closed by redis-server");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
