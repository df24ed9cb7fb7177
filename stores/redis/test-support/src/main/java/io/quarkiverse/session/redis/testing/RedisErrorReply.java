package io.quarkiverse.session.redis.testing;

/**
 * An error reply of redis-server ({@code -ERR ...}, {@code -MOVED 1234 127.0.0.1:7001}, {@code -WRONGTYPE ...}), thrown
 * by {@link RedisCommands#command(String...)} when the whole reply is an error, and found as an element where an array
 * reply holds one (a failed command inside {@code EXEC}).
 */
public final class RedisErrorReply extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reply;

    RedisErrorReply(String reply) {
        super("redis-server replied with an error: " + reply);
        this.reply = reply;
    }

    /** The error line as redis-server sent it, without the leading {@code -}: {@code "MOVED 1234 127.0.0.1:7001"}. */
    public String reply() {
        return reply;
    }

    /** The error's first word, its code: {@code "ERR"}, {@code "MOVED"}, {@code "WRONGTYPE"}, {@code "LOADING"}. */
    public String code() {
        int space = reply.indexOf(' ');
        return space < 0 ? reply : reply.substring(0, space);
    }
}
