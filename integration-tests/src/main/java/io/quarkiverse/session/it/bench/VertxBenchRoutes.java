package io.quarkiverse.session.it.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;

/**
 * Reference point for the benchmark: the same counter on Vert.x Web's own session support
 * (in-memory LocalSessionStore), plus a session-less Vert.x route as its baseline.
 */
@ApplicationScoped
public class VertxBenchRoutes {

    /** Idle timeout of the Vert.x sessions; run-benchmark.sh lowers it for the throughput JVM. */
    @ConfigProperty(name = "bench.session-timeout-seconds", defaultValue = "1800")
    long sessionTimeoutSeconds;

    void registerRoutes(@Observes Router router, Vertx vertx) {
        router.get("/bench/vertx-plain").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain;charset=UTF-8")
                .end("ok"));

        SessionHandler sessionHandler = SessionHandler.create(LocalSessionStore.create(vertx))
                .setSessionTimeout(sessionTimeoutSeconds * 1000L);
        router.get("/bench/vertx-counter")
                .handler(sessionHandler)
                .handler(ctx -> {
                    Session session = ctx.session();
                    Integer c = session.get("counter");
                    c = c == null ? 1 : c + 1;
                    session.put("counter", c);
                    ctx.response()
                            .putHeader("content-type", "text/plain;charset=UTF-8")
                            .end(String.valueOf(c));
                });
    }
}
