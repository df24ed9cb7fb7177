package io.quarkiverse.session.redis.runtime;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The store's connections to Redis: a fixed number of {@linkplain ConnectionLane lanes}, each an open connection that
 * carries the commands of every request of the event loops assigned to it, pipelined. An event loop keeps the lane it
 * was first given, so that with as many lanes as event loops each loop sends and receives on its own connection.
 * <p>
 * Invariants: at most {@code lanes} connections are taken from the client's pool, whatever the number of event loops
 * and worker threads; each thread without a Vert.x context (a worker thread of a blocking endpoint) sticks to one lane
 * too, chosen by its thread ID. See {@link ConnectionLane}
 * for how a lane recovers from a failed, stalled or idle connection.
 */
final class ConnectionLanes {

    private final ConnectionLane[] lanes;
    private final ConcurrentMap<EventLoop, ConnectionLane> byEventLoop = new ConcurrentHashMap<>();
    private final AtomicInteger assigned = new AtomicInteger();

    /**
     * @param redis the client whose pool the connections come from
     * @param lanes how many connections the store keeps
     * @param timeout how long a command may take: a lane whose commands go unanswered for longer is reconnected
     */
    ConnectionLanes(Redis redis, int lanes, Duration timeout) {
        this.lanes = new ConnectionLane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new ConnectionLane(redis, timeout);
        }
    }

    Future<Response> send(Request request) {
        return lane().send(request);
    }

    /**
     * Called when a command has timed out: reconnects the lanes that have stopped answering, since a connection that a
     * firewall or a NAT dropped silently would otherwise hold their commands until the operating system gives up on it.
     */
    void dropStalled() {
        for (ConnectionLane lane : lanes) {
            lane.dropIfStalled();
        }
    }

    void close() {
        for (ConnectionLane lane : lanes) {
            lane.drop();
        }
    }

    private ConnectionLane lane() {
        if (lanes.length == 1) {
            return lanes[0];
        }
        Context context = Vertx.currentContext();
        if (!(context instanceof ContextInternal internal)) {
            // A worker thread of a blocking endpoint, or a thread of the application's own: spread by thread.
            return lanes[(int) Math.floorMod(Thread.currentThread().getId(), (long) lanes.length)];
        }
        EventLoop loop = internal.nettyEventLoop();
        ConnectionLane lane = byEventLoop.get(loop);
        return lane != null ? lane
                : byEventLoop.computeIfAbsent(loop, ignored -> lanes[Math.floorMod(assigned.getAndIncrement(), lanes.length)]);
    }
}
