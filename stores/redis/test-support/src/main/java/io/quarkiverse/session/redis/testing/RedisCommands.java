package io.quarkiverse.session.redis.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A minimal blocking RESP2 client on one socket, so that tests can look into a real redis-server without depending on
 * the Redis client under test: {@code PING}, {@code CLUSTER} commands, {@code INFO commandstats}, {@code SCAN},
 * {@code PTTL}, {@code FLUSHALL}.
 * <p>
 * Replies map to Java as: simple and bulk strings to {@link String} (bytes decoded as UTF-8), integers to {@link Long},
 * arrays to an unmodifiable {@link List} of these, nil to {@code null}; an error reply is thrown as
 * {@link RedisErrorReply} (inside an array it is kept as an element, so the connection stays in step with the server).
 * Every read has a timeout, so a test against a stopped or stalled server fails instead of hanging.
 * <p>
 * Not thread-safe: one connection, one command at a time. After an I/O failure the connection is closed and every
 * further command fails.
 */
public final class RedisCommands implements AutoCloseable {

    /** Timeout of connecting and of each reply when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final String LOOPBACK = "127.0.0.1";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RedisCommands(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects to a redis-server on the loopback address with the {@link #DEFAULT_TIMEOUT}. */
    public static RedisCommands connect(int port) {
        return connect(LOOPBACK, port, DEFAULT_TIMEOUT);
    }

    /**
     * Connects to a redis-server.
     *
     * @param timeout the bound of connecting and of waiting for each reply
     * @throws UncheckedIOException if no connection could be made (the server is down, say)
     */
    public static RedisCommands connect(String host, int port, Duration timeout) {
        Socket socket = new Socket();
        try {
            int millis = Math.toIntExact(timeout.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(millis);
            socket.connect(new InetSocketAddress(host, port), millis);
            return new RedisCommands(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("Cannot connect to redis-server at " + host + ":" + port, e);
        }
    }

    /**
     * Sends one command and returns its reply, mapped as the class Javadoc says.
     *
     * @param args the command and its arguments, each sent as a bulk string: {@code command("SET", "k", "v")}
     * @throws RedisErrorReply if redis-server replied with an error
     * @throws UncheckedIOException if the connection failed or the reply did not come in time
     */
    public Object command(String... args) {
        Object reply;
        try {
            write(args);
            reply = readReply();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("redis-server did not answer " + (args.length > 0 ? args[0] : "()"), e);
        }
        if (reply instanceof RedisErrorReply error) {
            throw error;
        }
        return reply;
    }

    /** {@code PING}; returns {@code "PONG"}. */
    public String ping() {
        return (String) command("PING");
    }

    /** {@code FLUSHALL}: deletes every key of this server. */
    public void flushAll() {
        command("FLUSHALL");
    }

    /**
     * Every key of this server matching a glob pattern, found with {@code SCAN} (never {@code KEYS}), without duplicates
     * and sorted, so that tests can compare it with a list.
     */
    public List<String> scanKeys(String pattern) {
        TreeSet<String> keys = new TreeSet<>();
        String cursor = "0";
        do {
            List<?> page = (List<?>) command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) page.get(0);
            for (Object key : (List<?>) page.get(1)) {
                keys.add((String) key);
            }
        } while (!cursor.equals("0"));
        return List.copyOf(keys);
    }

    /**
     * How many times each command ran on this server since it started or since {@code CONFIG RESETSTAT}, from
     * {@code INFO commandstats}: lower-case command name ({@code "evalsha"}, {@code "hset"}) to its {@code calls}.
     * Commands that never ran are absent. This command's own {@code INFO} is counted only by later calls.
     */
    public Map<String, Long> commandStats() {
        return parseCommandStats((String) command("INFO", "commandstats"));
    }

    /**
     * Parses the {@code INFO commandstats} section: lines like
     * {@code cmdstat_evalsha:calls=3,usec=120,usec_per_call=40.00,rejected_calls=0,failed_calls=0}.
     *
     * @return lower-case command name to calls; sub-commands that Redis 7 reports apart ({@code cmdstat_client|setname})
     *         keep their {@code |} name
     */
    public static Map<String, Long> parseCommandStats(String info) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            String command = line.substring("cmdstat_".length(), colon).toLowerCase(Locale.ROOT);
            for (String field : line.substring(colon + 1).split(",")) {
                if (field.startsWith("calls=")) {
                    calls.put(command, Long.parseLong(field.substring("calls=".length())));
                }
            }
        }
        return Collections.unmodifiableMap(calls);
    }

    /** Closes the connection; never fails. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private void write(String[] args) throws IOException {
        out.write(("*" + args.length + "\r\n").getBytes(UTF_8));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(UTF_8);
            out.write(("$" + bytes.length + "\r\n").getBytes(UTF_8));
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
    }

    private Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("redis-server closed the connection");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new RedisErrorReply(line);
            case ':':
                return Long.parseLong(line);
            case '$':
                return readBulk(Integer.parseInt(line));
            case '*':
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(readReply());
                }
                return Collections.unmodifiableList(items);
            default:
                throw new IOException("Not a RESP2 reply: type byte " + type);
        }
    }

    private String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("redis-server closed the connection within a bulk string");
        }
        return new String(bytes, UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("redis-server closed the connection within a reply");
            }
            line.write(c);
        }
        if (in.read() != '\n') {
            throw new IOException("Not a RESP2 reply: CR without LF");
        }
        return line.toString(UTF_8);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
