package io.quarkiverse.session.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import io.restassured.response.Response;

/**
 * Reads a session cookie the way a browser does: from the {@code Set-Cookie} headers of a response.
 */
public final class SessionCookies {

    /** The default cookie name, {@code quarkus.session.cookie.name}. */
    public static final String DEFAULT_NAME = "session_id";

    private SessionCookies() {
    }

    /** All {@code Set-Cookie} headers of the cookie {@code name}. */
    public static List<String> headers(Response response, String name) {
        return response.headers().getValues("Set-Cookie").stream().filter(header -> header.startsWith(name + "="))
                .toList();
    }

    /** The one {@code Set-Cookie} header of the cookie {@code name}, if any. */
    public static Optional<String> header(Response response, String name) {
        List<String> headers = headers(response, name);
        if (headers.size() > 1) {
            throw new AssertionError("More than one Set-Cookie header for " + name + ": " + headers);
        }
        return headers.stream().findFirst();
    }

    /** The session ID a response sets in the cookie {@code name}; fails if it sets none. */
    public static String issuedId(Response response, String name) {
        String value = issuedValue(response, name);
        assertEquals(32, value.length(), "session ID length in " + header(response, name));
        return value;
    }

    /**
     * The value a response sets in the cookie {@code name}, of any length (an application's own ID, a sealed session);
     * fails if it sets none.
     */
    public static String issuedValue(Response response, String name) {
        String header = header(response, name).orElseThrow(() -> new AssertionError(
                "Expected a Set-Cookie header for " + name + ", got headers " + response.headers()));
        int end = header.indexOf(';');
        return header.substring(name.length() + 1, end < 0 ? header.length() : end);
    }

    /** The session ID a response sets in the default cookie; fails if it sets none. */
    public static String issuedId(Response response) {
        return issuedId(response, DEFAULT_NAME);
    }

    /** Whether the response sets no cookie {@code name} at all. */
    public static boolean setsNone(Response response, String name) {
        return headers(response, name).isEmpty();
    }

    /** Whether the response sets no default session cookie at all. */
    public static boolean setsNone(Response response) {
        return setsNone(response, DEFAULT_NAME);
    }
}
