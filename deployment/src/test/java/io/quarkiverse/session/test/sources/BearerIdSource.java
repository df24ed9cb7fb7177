package io.quarkiverse.session.test.sources;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.quarkiverse.session.SessionIdSource;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The reference middleware's example of an application's own source: the ID as a bearer token of the
 * {@code Authorization} header, handed back in the same header.
 */
@Singleton
public class BearerIdSource implements SessionIdSource {

    private static final String PREFIX = "Bearer ";

    @Override
    public String name() {
        return "bearer";
    }

    @Override
    public String read(RoutingContext request) {
        String authorization = request.request().getHeader("Authorization");
        return authorization != null && authorization.startsWith(PREFIX) ? authorization.substring(PREFIX.length())
                : null;
    }

    @Override
    public boolean writesBack() {
        return true;
    }

    @Override
    public void write(HttpServerResponse response, String sessionId, Duration lifetime) {
        response.headers().set("Authorization", PREFIX + sessionId);
    }

    @Override
    public void clear(HttpServerResponse response) {
        response.headers().set("Authorization", "");
    }
}
