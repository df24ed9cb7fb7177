package io.quarkiverse.session.runtime.http;

import java.time.Duration;

import io.quarkiverse.session.SessionIdSource;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * A request header carries the session ID, and the response carries it back in the same header, as API clients and
 * mobile apps expect; an empty value tells the client that the session has ended.
 */
final class HeaderIdSource implements SessionIdSource {

    static final String KIND = "header";

    private final String header;

    HeaderIdSource(String header) {
        this.header = header;
    }

    @Override
    public String name() {
        return KIND;
    }

    @Override
    public String read(RoutingContext request) {
        return request.request().getHeader(header);
    }

    @Override
    public boolean writesBack() {
        return true;
    }

    @Override
    public void write(HttpServerResponse response, String sessionId, Duration lifetime) {
        response.headers().set(header, sessionId);
    }

    @Override
    public void clear(HttpServerResponse response) {
        response.headers().set(header, "");
    }
}
