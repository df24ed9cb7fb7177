package io.quarkiverse.session.runtime.http;

import java.time.Duration;
import java.util.List;

import io.quarkiverse.session.runtime.config.SessionConfig.CookieConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The session cookie: reads the value from the request's {@code Cookie} header and writes the {@code Set-Cookie} header,
 * with the configured attributes.
 */
public final class CookieIdSource implements SessionIdSource {

    private final String name;
    private final String attributes;
    private final boolean sessionOnly;
    private final String clearValue;

    public CookieIdSource(CookieConfig config) {
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

    /** A cookie without Max-Age is kept until the browser closes, so sending it again changes nothing. */
    @Override
    public boolean expiresAtClient() {
        return !sessionOnly;
    }

    /**
     * Returns the cookie's value as sent, or {@code null}. The header is scanned for this one cookie rather than
     * through {@code getCookie}, which parses and validates every cookie of the request into objects: the value found
     * here is checked by its own rules (ID alphabet, or authenticated decryption) before anything uses it.
     */
    @Override
    public String read(RoutingContext request) {
        MultiMap headers = request.request().headers();
        String first = headers.get(HttpHeaders.COOKIE);
        if (first == null) {
            return null;
        }
        String value = valueIn(first, name);
        if (value == null) {
            // HTTP/2 allows the cookies of one request to be split over several headers.
            List<String> all = headers.getAll(HttpHeaders.COOKIE);
            for (int i = 1; value == null && i < all.size(); i++) {
                value = valueIn(all.get(i), name);
            }
        }
        return value;
    }

    /**
     * Returns the value of the first cookie called {@code name} in a {@code Cookie} header ({@code name=value} pairs
     * separated by semicolons, RFC 6265, 4.2.1), without the double quotes the grammar allows around it; or
     * {@code null}.
     */
    static String valueIn(String header, String name) {
        int length = header.length();
        int start = 0;
        while (start < length) {
            while (start < length && isWhitespace(header.charAt(start))) {
                start++;
            }
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int nameEnd = start + name.length();
            if (nameEnd < end && header.charAt(nameEnd) == '=' && header.startsWith(name, start)) {
                int valueStart = nameEnd + 1;
                int valueEnd = end;
                while (valueEnd > valueStart && isWhitespace(header.charAt(valueEnd - 1))) {
                    valueEnd--;
                }
                if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"'
                        && header.charAt(valueEnd - 1) == '"') {
                    valueStart++;
                    valueEnd--;
                }
                return header.substring(valueStart, valueEnd);
            }
            start = end + 1;
        }
        return null;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    @Override
    public void write(HttpServerResponse response, String sessionId, Duration lifetime) {
        String value = sessionOnly
                ? name + "=" + sessionId + attributes
                : name + "=" + sessionId + "; Max-Age=" + lifetime.toSeconds() + attributes;
        response.headers().add(HttpHeaders.SET_COOKIE, value);
    }

    @Override
    public void clear(HttpServerResponse response) {
        response.headers().add(HttpHeaders.SET_COOKIE, clearValue);
    }
}
