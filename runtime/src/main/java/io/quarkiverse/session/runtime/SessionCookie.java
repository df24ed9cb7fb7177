package io.quarkiverse.session.runtime;

import java.time.Duration;

import io.quarkiverse.session.runtime.SessionConfig.CookieConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the session ID from the request cookie and writes the {@code Set-Cookie} header, with the configured
 * attributes.
 */
final class SessionCookie {

    private final String name;
    private final String attributes;
    private final boolean sessionOnly;
    private final String clearValue;

    SessionCookie(CookieConfig config) {
        this.name = config.name();
        StringBuilder attributes = new StringBuilder();
        attributes.append("; Path=").append(config.path());
        config.domain().ifPresent(domain -> attributes.append("; Domain=").append(domain));
        if (config.secure()) {
            attributes.append("; Secure");
        }
        if (config.httpOnly()) {
            attributes.append("; HttpOnly");
        }
        attributes.append("; SameSite=").append(switch (config.sameSite()) {
            case STRICT -> "Strict";
            case LAX -> "Lax";
            case NONE -> "None";
        });
        this.attributes = attributes.toString();
        this.sessionOnly = config.sessionOnly();
        this.clearValue = name + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + this.attributes;
    }

    String name() {
        return name;
    }

    /** A cookie without Max-Age: the browser keeps it until it closes, so a refresh changes nothing. */
    boolean isSessionOnly() {
        return sessionOnly;
    }

    /** Returns the cookie's value as sent, or {@code null}. */
    String read(RoutingContext request) {
        if (!request.request().headers().contains(HttpHeaders.COOKIE)) {
            return null;
        }
        Cookie cookie = request.request().getCookie(name);
        return cookie == null ? null : cookie.getValue();
    }

    void write(HttpServerResponse response, String sessionId, Duration lifetime) {
        String value = sessionOnly
                ? name + "=" + sessionId + attributes
                : name + "=" + sessionId + "; Max-Age=" + lifetime.toSeconds() + attributes;
        response.headers().add(HttpHeaders.SET_COOKIE, value);
    }

    void clear(HttpServerResponse response) {
        response.headers().add(HttpHeaders.SET_COOKIE, clearValue);
    }
}
