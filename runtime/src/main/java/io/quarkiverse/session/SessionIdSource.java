package io.quarkiverse.session;

import java.time.Duration;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Where a request carries its session ID, and where the response hands it back. The extension brings the cookie,
 * header, query, form and path-parameter sources, chosen with {@code quarkus.session.id-sources}; an application bean
 * implementing this interface adds a source of its own, which the chain names by {@link #name()}.
 * <p>
 * The value read is unchecked: the extension validates it before anything uses it, and never logs it. A source that
 * {@link #writesBack() writes back} is given the ID of a new or changed session, and told to clear it when the session
 * ends; a read-only source is never written to.
 */
public interface SessionIdSource {

    /**
     * The name by which {@code quarkus.session.id-sources} chooses this source, e.g. {@code bearer}: letters, digits,
     * {@code -} and {@code _}, and none of the built-in sources' names ({@code cookie}, {@code header}, {@code query},
     * {@code form}, {@code param}).
     */
    String name();

    /**
     * Returns the session ID the request carries in this source, as sent, or {@code null}.
     */
    String read(RoutingContext request);

    /**
     * Whether this source hands session IDs back to the client ({@link #write}, {@link #clear}). By default it is
     * read-only: the client learns the ID some other way (the application can give it {@code Session.id()}).
     */
    default boolean writesBack() {
        return false;
    }

    /**
     * Hands the session ID to the client, for at most {@code lifetime}. Called before the response's headers are sent.
     */
    default void write(HttpServerResponse response, String sessionId, Duration lifetime) {
    }

    /**
     * Tells the client to forget the session ID it holds: the session has ended.
     */
    default void clear(HttpServerResponse response) {
    }
}
