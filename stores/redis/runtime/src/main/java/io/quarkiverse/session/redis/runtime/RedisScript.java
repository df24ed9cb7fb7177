package io.quarkiverse.session.redis.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Lua script run on one key, atomically: Redis runs a script without interleaving any other command.
 * <p>
 * It is sent by its SHA-1 ({@code EVALSHA}), one round trip; a server that does not know it yet (after a restart, a
 * {@code SCRIPT FLUSH}, or on another cluster node) answers {@code NOSCRIPT}, and the script is then sent whole
 * ({@code EVAL}), which also caches it there for the next calls.
 */
final class RedisScript {

    private final String source;
    private final String sha1;

    RedisScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    /**
     * Runs the script on {@code key} (its only {@code KEYS} entry, which routes it to the key's cluster node) with
     * these arguments; each argument is a {@code String}, a {@code byte[]} or a {@code long}.
     */
    Future<Response> run(Function<Request, Future<Response>> redis, String key, List<Object> args) {
        return redis.apply(request(Command.EVALSHA, sha1, key, args)).recover(failure -> isUnknownScript(failure)
                ? redis.apply(request(Command.EVAL, source, key, args))
                : Future.failedFuture(failure));
    }

    private static Request request(Command command, String script, String key, List<Object> args) {
        Request request = Request.cmd(command).arg(script).arg(1).arg(key);
        for (Object arg : args) {
            if (arg instanceof byte[] bytes) {
                request.arg(bytes);
            } else if (arg instanceof Long number) {
                request.arg(number.longValue());
            } else {
                request.arg((String) arg);
            }
        }
        return request;
    }

    private static boolean isUnknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }
}
