package io.quarkiverse.session.runtime.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import io.quarkiverse.session.SessionIdSource;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The ordered session ID sources of {@code quarkus.session.id-sources}: the one place the request lifecycle reads,
 * writes and clears the ID.
 * <p>
 * Reading: the first source that holds a well-formed value wins, whatever the later ones hold; its value is only ever
 * checked by the caller's rule, never trusted. Writing and clearing: every source that writes back (cookie, header, an
 * application's own), and no other.
 */
public final class IdSourceChain {

    /**
     * How many values of one request are tried at most, when the first names no live session: a request cannot make
     * the store look up more.
     */
    public static final int MAX_CANDIDATES = 3;

    private final SessionIdSource[] sources;
    private final SessionIdSource[] writers;
    private final boolean expiresAtClient;

    public IdSourceChain(List<SessionIdSource> sources) {
        this.sources = sources.toArray(SessionIdSource[]::new);
        this.writers = sources.stream().filter(SessionIdSource::writesBack).toArray(SessionIdSource[]::new);
        this.expiresAtClient = sources.stream()
                .anyMatch(source -> source instanceof CookieIdSource cookie && cookie.expiresAtClient());
    }

    /**
     * Returns the well-formed value of the first source that holds one, or {@code null}. With {@code skip > 0}, that
     * source's next well-formed values: only a cookie can have several (see {@link CookieIdSource}), which the
     * lifecycle tries, a few at most, when the first names no live session.
     */
    public String read(RoutingContext request, Predicate<String> wellFormed, int skip) {
        for (SessionIdSource source : sources) {
            if (source instanceof CookieIdSource cookie) {
                String first = cookie.find(request, wellFormed, 0);
                if (first != null) {
                    return skip == 0 ? first : cookie.find(request, wellFormed, skip);
                }
            } else {
                String value = source.read(request);
                if (value != null && wellFormed.test(value)) {
                    return skip == 0 ? value : null;
                }
            }
        }
        return null;
    }

    /**
     * The first value any source holds, well-formed or not, or {@code null}: asked only when {@link #read} found none,
     * to tell a request without an ID from one with a malformed one.
     */
    public String anyValue(RoutingContext request) {
        for (SessionIdSource source : sources) {
            String value = source.read(request);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * Whether the client sent this value in a source that writes back: only then is a session's ID sent again to keep
     * it alive at the client. An ID that came in a URL or a form is never copied into a cookie or a header, which would
     * let a link fix a victim's session (session fixation).
     */
    public boolean heldInWritableSource(RoutingContext request, String value) {
        for (SessionIdSource writer : writers) {
            String held = writer instanceof CookieIdSource cookie ? cookie.find(request, value::equals, 0)
                    : writer.read(request);
            if (value.equals(held)) {
                return true;
            }
        }
        return false;
    }

    /** Hands the session ID to the client through every source that writes back. */
    public void write(HttpServerResponse response, String sessionId, Duration lifetime) {
        for (SessionIdSource writer : writers) {
            writer.write(response, sessionId, lifetime);
        }
    }

    /** Clears the session ID in every source that writes back. */
    public void clear(HttpServerResponse response) {
        for (SessionIdSource writer : writers) {
            writer.clear(response);
        }
    }

    /**
     * Whether the client drops the ID by itself after a while (a cookie with {@code Max-Age}), so that it must be sent
     * again now and then to live as long as the session.
     */
    public boolean expiresAtClient() {
        return expiresAtClient;
    }

    /** The names of the sources that never write back, in chain order. */
    public List<String> readOnlySources() {
        return Arrays.stream(sources).filter(source -> !source.writesBack()).map(SessionIdSource::name)
                .toList();
    }

    /** Whether no source writes back: a new session's ID then reaches the client only through the application. */
    public boolean isReadOnly() {
        return writers.length == 0;
    }
}
