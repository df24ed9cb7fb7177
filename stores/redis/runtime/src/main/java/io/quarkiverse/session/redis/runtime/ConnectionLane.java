package io.quarkiverse.session.redis.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * One connection taken from the Redis client's pool and kept, on which commands are sent without waiting for the
 * answers of the ones before (Redis answers in order).
 * <p>
 * Invariants: a connection that fails or closes, a connection attempt that fails, a connection whose commands have gone
 * unanswered for longer than the timeout (on {@link #dropIfStalled()}), and one left idle for longer than
 * {@link #IDLE_LIMIT} are dropped, and the next command connects anew, so the lane recovers by itself when Redis is back;
 * a dropped connection is closed, which fails its commands still in flight; every command is answered or failed.
 */
final class ConnectionLane {

    /**
     * Firewalls and NATs forget idle connections without telling either end; a lane idle for longer reconnects before
     * its next command rather than send it into a connection that may be gone.
     */
    static final Duration IDLE_LIMIT = Duration.ofMinutes(1);

    private final Redis redis;
    private final long timeoutNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private Future<RedisConnection> connection;
    private volatile long lastAnswerNanos = System.nanoTime();
    private volatile long lastSentNanos = System.nanoTime();

    ConnectionLane(Redis redis, Duration timeout) {
        this.redis = redis;
        this.timeoutNanos = timeout.toNanos();
    }

    Future<Response> send(Request request) {
        long now = System.nanoTime();
        Future<RedisConnection> current = connection(now);
        lastSentNanos = now;
        inFlight.incrementAndGet();
        return current.compose(open -> open.send(request)).andThen(answer -> {
            inFlight.decrementAndGet();
            if (answer.succeeded()) {
                lastAnswerNanos = System.nanoTime();
            }
        });
    }

    void dropIfStalled() {
        // lastAnswerNanos restarts with each connection: at most one new connection per timeout while Redis stalls.
        if (inFlight.get() > 0 && System.nanoTime() - lastAnswerNanos > timeoutNanos) {
            drop();
        }
    }

    synchronized void drop() {
        Future<RedisConnection> dropped = connection;
        connection = null;
        if (dropped != null) {
            dropped.onSuccess(RedisConnection::close);
        }
    }

    private synchronized Future<RedisConnection> connection(long now) {
        Future<RedisConnection> current = connection;
        if (current != null && !current.failed() && (inFlight.get() > 0 || now - lastSentNanos < IDLE_LIMIT.toNanos())) {
            return current;
        }
        drop();
        lastAnswerNanos = now;
        Future<RedisConnection> connecting = redis.connect();
        connection = connecting;
        connecting.onSuccess(open -> {
            open.exceptionHandler(failure -> forget(connecting));
            open.endHandler(ended -> forget(connecting));
        });
        return connecting;
    }

    private synchronized void forget(Future<RedisConnection> failed) {
        if (connection == failed) {
            drop();
        }
    }
}
