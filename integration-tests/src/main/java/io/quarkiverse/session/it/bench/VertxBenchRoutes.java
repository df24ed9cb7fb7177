package io.quarkiverse.session.it.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.session.Sessions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.cookie.CookieSessionStore;

/**
 * Quarkus Session on a plain Vert.x route ({@code /bench/route-counter}), to compare like with like against the
 * reference points for the benchmark: the same counter on Vert.x Web's own session support, with its
 * in-memory LocalSessionStore ({@code /bench/vertx-counter}) and with its CookieSessionStore
 * ({@code /bench/vertx-cookie-counter}: the whole session in an HMAC-signed, unencrypted cookie). Their
 * session-less baseline, {@code /bench/vertx-plain}, is in {@link NoSessionBenchResource}.
 * <p>
 * Both handlers are created once and shared by every event loop of the router, as an application would
 * register them. Vert.x's CookieSessionStore keeps one {@code javax.crypto.Mac} for all of them (see
 * {@code CookieSessionStoreImpl.init}); the benchmark measures that as it is, errors included.
 */
@ApplicationScoped
public class VertxBenchRoutes {

    /** HMAC key of the Vert.x cookie store; a benchmark-only constant, never a real secret. */
    private static final String COOKIE_SECRET = "bench-only-vertx-cookie-store-secret-0123456789";

    /** Idle timeout of the Vert.x sessions; run-benchmark.sh lowers it for the throughput JVM. */

    @ConfigProperty(name = "bench.session-timeout-seconds", defaultValue = "1800")
    long sessionTimeoutSeconds;

    @Inject
    Sessions sessions;

    void registerRoutes(@Observes Router router, Vertx vertx) {
        // Store-agnostic, as the guide shows it: load through the Uni, save before the response through flush.
        router.get("/bench/route-counter").handler(ctx -> sessions.current(ctx).chain(session -> {
            Integer c = session.get("counter", Integer.class);
            int next = c == null ? 1 : c + 1;
            session.put("counter", next);
            return sessions.flush(ctx).replaceWith(next);
        }).subscribe().with(
                next -> ctx.response().putHeader("content-type", "text/plain;charset=UTF-8").end(String.valueOf(next)),
                ctx::fail));

        SessionHandler sessionHandler = SessionHandler.create(LocalSessionStore.create(vertx))
                .setSessionTimeout(sessionTimeoutSeconds * 1000L);
        router.get("/bench/vertx-counter")
                .handler(sessionHandler)
                .handler(VertxBenchRoutes::increment);

        // No other setting is needed: the cookie store works with the default (cookie-based, not
        // cookieless) SessionHandler. Its cookie value is the signed session itself; the handler re-sends
        // it whenever the data's checksum changed, i.e. on every counter request here.
        SessionHandler cookieSessionHandler = SessionHandler
                .create(CookieSessionStore.create(vertx, COOKIE_SECRET))
                .setSessionTimeout(sessionTimeoutSeconds * 1000L);
        router.get("/bench/vertx-cookie-counter")
                .handler(cookieSessionHandler)
                .handler(VertxBenchRoutes::increment);
    }

    private static void increment(RoutingContext ctx) {
        Session session = ctx.session();
        Integer c = session.get("counter");
        c = c == null ? 1 : c + 1;
        session.put("counter", c);
        ctx.response()
                .putHeader("content-type", "text/plain;charset=UTF-8")
                .end(String.valueOf(c));
    }
}
