package io.quarkiverse.session.it.bench;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.redis.RedisSessionStore;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * The reference points for the Redis store in the benchmark: the same counter as the other session endpoints on
 * Vert.x Web's own {@link RedisSessionStore}, on plain Vert.x routes.
 * <ul>
 * <li>{@code /bench/vertx-redis-counter}: the stock {@link SessionHandler}. It saves the session in a headers-end
 * handler without waiting for the store, so the response leaves before the write reaches Redis, and a client's next
 * request can read the previous value: lost updates are expected and counted, not a broken run.</li>
 * <li>{@code /bench/vertx-redis-flush-counter}: the same handler and store, with {@link SessionHandler#flush} awaited
 * before the response is ended (the handler then skips its own save), which is what an application has to write to
 * get read-your-writes from Vert.x's store.</li>
 * </ul>
 * Invariant: the routes and their Redis client exist only when the app runs on the Redis store
 * ({@code quarkus.session.store=redis}) with {@code quarkus.redis.hosts} set; otherwise nothing connects to Redis and
 * the routes answer 404, which run-benchmark.sh reads as "not measured here". The client of its own points at the same
 * server as the Quarkus client (the first of those hosts) and gets the same pool size and pool queue, so that both
 * sides of the comparison get the same number of Redis connections.
 */
@ApplicationScoped
public class VertxRedisBenchRoutes {

    @ConfigProperty(name = "quarkus.session.store")
    Optional<String> store;

    @ConfigProperty(name = "quarkus.redis.hosts")
    Optional<List<String>> redisHosts;

    /** The Quarkus Redis client's pool size (its default), mirrored by the Vert.x client. */
    @ConfigProperty(name = "quarkus.redis.max-pool-size", defaultValue = "6")
    int maxPoolSize;

    /** The Quarkus Redis client's pool queue (the Redis store's default for it), mirrored by the Vert.x client. */
    @ConfigProperty(name = "quarkus.redis.max-pool-waiting", defaultValue = "1024")
    int maxPoolWaiting;

    /** Idle timeout of the Vert.x sessions; run-benchmark.sh lowers it for the throughput JVM. */
    @ConfigProperty(name = "bench.session-timeout-seconds", defaultValue = "1800")
    long sessionTimeoutSeconds;

    private Redis redis;

    void registerRoutes(@Observes Router router, Vertx vertx) {
        if (!store.map("redis"::equals).orElse(false) || redisHosts.map(List::isEmpty).orElse(true)) {
            return;
        }
        redis = Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(redisHosts.get().get(0))
                .setMaxPoolSize(maxPoolSize)
                .setMaxPoolWaiting(maxPoolWaiting));

        SessionHandler stock = SessionHandler.create(RedisSessionStore.create(vertx, redis))
                .setSessionTimeout(sessionTimeoutSeconds * 1000L);
        router.get("/bench/vertx-redis-counter")
                .handler(stock)
                .handler(ctx -> end(ctx, increment(ctx.session())));

        SessionHandler awaited = SessionHandler.create(RedisSessionStore.create(vertx, redis))
                .setSessionTimeout(sessionTimeoutSeconds * 1000L);
        router.get("/bench/vertx-redis-flush-counter")
                .handler(awaited)
                .handler(ctx -> {
                    int next = increment(ctx.session());
                    awaited.flush(ctx).onComplete(saved -> {
                        if (saved.succeeded()) {
                            end(ctx, next);
                        } else {
                            ctx.fail(saved.cause());
                        }
                    });
                });
    }

    @PreDestroy
    void close() {
        if (redis != null) {
            redis.close();
        }
    }

    private static int increment(Session session) {
        Integer c = session.get("counter");
        int next = c == null ? 1 : c + 1;
        session.put("counter", next);
        return next;
    }

    private static void end(RoutingContext ctx, int counter) {
        ctx.response()
                .putHeader("content-type", "text/plain;charset=UTF-8")
                .end(String.valueOf(counter));
    }
}
