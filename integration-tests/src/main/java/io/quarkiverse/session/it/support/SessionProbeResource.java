package io.quarkiverse.session.it.support;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.session.Session;

/**
 * Endpoints the tests use to drive and observe the session directly.
 */
@Path("/probe")
public class SessionProbeResource {

    private static final AtomicInteger SLOW_PUTS_WAITING = new AtomicInteger();
    private static final Semaphore SLOW_PUT_RELEASES = new Semaphore(0);

    @Inject
    Session session;

    @GET
    public Map<String, Object> describe() {
        return Map.of("isNew", session.isNew(), "keys", new TreeSet<>(session.keys()),
                "createdAt", session.createdAt().toString(), "lastAccessedAt", session.lastAccessedAt().toString());
    }

    /** The ID, for tests only: a real application never shows it. */
    @GET
    @Path("/id")
    public String id() {
        return session.id();
    }

    @GET
    @Path("/value")
    public String value(@QueryParam("key") String key) {
        return session.find(key, String.class).orElse("<absent>");
    }

    @POST
    @Path("/put")
    public String put(@QueryParam("key") String key, @QueryParam("value") String value) {
        session.put(key, value);
        return "ok";
    }

    /**
     * Reads the session, waits until released (at most {@code delayMs}), then writes: a request still in flight while
     * another one logs out. Tests see it waiting through {@code /probe/slow-puts-waiting}.
     */
    @POST
    @Path("/slow-put")
    public String slowPut(@QueryParam("key") String key, @QueryParam("value") String value,
            @QueryParam("delayMs") long delayMs) throws InterruptedException {
        session.keys();
        SLOW_PUTS_WAITING.incrementAndGet();
        try {
            SLOW_PUT_RELEASES.tryAcquire(delayMs, TimeUnit.MILLISECONDS);
        } finally {
            SLOW_PUTS_WAITING.decrementAndGet();
        }
        session.put(key, value);
        return "ok";
    }

    /** How many slow puts have loaded their session and wait. */
    @GET
    @Path("/slow-puts-waiting")
    public int slowPutsWaiting() {
        return SLOW_PUTS_WAITING.get();
    }

    @POST
    @Path("/release-slow-puts")
    public String releaseSlowPuts() {
        SLOW_PUT_RELEASES.release(SLOW_PUTS_WAITING.get());
        return "ok";
    }

    @POST
    @Path("/put-large")
    public String putLarge(@QueryParam("key") String key, @QueryParam("size") int size) {
        session.put(key, "x".repeat(size));
        return "ok";
    }

    @POST
    @Path("/regenerate")
    public String regenerate() {
        session.regenerate();
        return "ok";
    }

    @POST
    @Path("/destroy")
    public String destroy() {
        session.destroy();
        return "ok";
    }

    @POST
    @Path("/idle-timeout")
    public String idleTimeout(@QueryParam("seconds") long seconds) {
        session.setIdleTimeout(Duration.ofSeconds(seconds));
        return "ok";
    }

    @POST
    @Path("/put-unencodable")
    public String putUnencodable() {
        try {
            session.put("lock", new Unencodable());
            return "stored";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Injects the session but this endpoint never uses it: no store access, no cookie.
     */
    @GET
    @Path("/untouched")
    public String untouched() {
        return "untouched";
    }

    /** Jackson has no way to encode this: no properties, and failing on empty beans is the default. */
    public static final class Unencodable {
        private final Object lock = new Object();
    }
}
