package io.quarkiverse.session.runtime.http;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.quarkiverse.session.SessionIdSource;
import io.quarkiverse.session.runtime.config.SessionConfig.CookieConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The session cookie: reads the value from the request's {@code Cookie} header and writes the {@code Set-Cookie} header,
 * with the configured attributes.
 * <p>
 * A request may carry the cookie more than once: one set for a parent domain and one for the host, or for two paths
 * (browsers send the longer path first). The {@link #find} of the chain skips the values that are not well-formed, and
 * can be asked for the next well-formed one when the first names no live session, so that a cookie planted from a
 * sibling subdomain ("cookie tossing") can neither hide the client's own session behind garbage nor behind an unknown
 * ID.
 */
public final class CookieIdSource implements SessionIdSource {

    public static final String KIND = "cookie";

    private final String name;
    private final String attributes;
    private final boolean sessionOnly;
    private final String clearValue;

    /**
     * The cookie {@code quarkus.session.cookie.*} configures, under another name if {@code name} is not null.
     */
    public CookieIdSource(CookieConfig config, String name) {
        this.name = name != null ? name : config.name();
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
        this.clearValue = this.name + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + this.attributes;
    }

    public CookieIdSource(CookieConfig config) {
        this(config, null);
    }

    @Override
    public String name() {
        return KIND;
    }

    @Override
    public boolean writesBack() {
        return true;
    }

    /**
     * Whether the client drops the cookie by itself after its {@code Max-Age}, so that it must be sent again now and then
     * to live as long as the session. A cookie without Max-Age is kept until the browser closes.
     */
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
     * Returns the {@code skip}-th (from 0) well-formed value of the cookie in the request, in the order sent, or
     * {@code null}. The common request, one well-formed value in the first {@code Cookie} header, is answered without
     * allocating.
     */
    String find(RoutingContext request, Predicate<String> wellFormed, int skip) {
        if (skip == 0) {
            String first = read(request);
            if (first == null) {
                return null;
            }
            if (wellFormed.test(first)) {
                return first;
            }
        }
        int remaining = skip;
        for (String header : request.request().headers().getAll(HttpHeaders.COOKIE)) {
            int start = 0;
            while (start < header.length()) {
                int end = header.indexOf(';', start);
                if (end < 0) {
                    end = header.length();
                }
                String value = valueOfPair(header, start, end, name);
                if (value != null && wellFormed.test(value)) {
                    if (remaining == 0) {
                        return value;
                    }
                    remaining--;
                }
                start = end + 1;
            }
        }
        return null;
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
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            String value = valueOfPair(header, start, end, name);
            if (value != null) {
                return value;
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * The value of the {@code name=value} pair between {@code start} and {@code end} of a {@code Cookie} header if it
     * is the cookie {@code name}, without the optional double quotes; else {@code null}.
     */
    private static String valueOfPair(String header, int start, int end, String name) {
        while (start < end && isWhitespace(header.charAt(start))) {
            start++;
        }
        int nameEnd = start + name.length();
        if (nameEnd >= end || header.charAt(nameEnd) != '=' || !header.startsWith(name, start)) {
            return null;
        }
        int valueStart = nameEnd + 1;
        int valueEnd = end;
        while (valueEnd > valueStart && isWhitespace(header.charAt(valueEnd - 1))) {
            valueEnd--;
        }
        if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"' && header.charAt(valueEnd - 1) == '"') {
            valueStart++;
            valueEnd--;
        }
        return header.substring(valueStart, valueEnd);
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
