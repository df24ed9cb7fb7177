package io.quarkiverse.session.runtime.http;

import java.time.Duration;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Where a request carries its session ID, and where the response hands it back: the one place the request lifecycle
 * reads, writes and clears the ID. The value read is unchecked: the lifecycle validates it (ID alphabet, or
 * authenticated decryption for the cookie store) before anything uses it.
 */
public interface SessionIdSource {

    /**
     * Returns the value the request carries, as sent, or {@code null}.
     */
    String read(RoutingContext request);

    /**
     * Hands a value to the client, to be kept for at most {@code lifetime}.
     */
    void write(HttpServerResponse response, String value, Duration lifetime);

    /**
     * Tells the client to forget the value it holds.
     */
    void clear(HttpServerResponse response);

    /**
     * Whether a value the client holds expires there, so that it must be sent again now and then to live as long as
     * the session: a cookie with {@code Max-Age}, not a browser-session cookie.
     */
    boolean expiresAtClient();
}
