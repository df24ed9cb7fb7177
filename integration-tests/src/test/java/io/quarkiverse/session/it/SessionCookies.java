package io.quarkiverse.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import io.restassured.response.Response;

/**
 * Reads the session cookie the way a browser does: from the {@code Set-Cookie} headers of a response.
 */
final class SessionCookies {

    static final String NAME = "session_id";

    private SessionCookies() {
    }

    /** All {@code Set-Cookie} headers of the session cookie. */
    static List<String> headers(Response response) {
        return response.headers().getValues("Set-Cookie").stream().filter(header -> header.startsWith(NAME + "="))
                .toList();
    }

    /** The one {@code Set-Cookie} header of the session cookie, if any. */
    static Optional<String> header(Response response) {
        List<String> headers = headers(response);
        if (headers.size() > 1) {
            throw new AssertionError("More than one session Set-Cookie header: " + headers);
        }
        return headers.stream().findFirst();
    }

    /** The session ID a response sets; fails if it sets none. */
    static String issuedId(Response response) {
        String header = header(response).orElseThrow(() -> new AssertionError(
                "Expected a session Set-Cookie header, got headers " + response.headers()));
        String value = header.substring(NAME.length() + 1, header.indexOf(';'));
        assertEquals(32, value.length(), "session ID length in " + header);
        return value;
    }

    static boolean clears(Response response) {
        return header(response).map(header -> header.startsWith(NAME + "=;") && header.contains("Max-Age=0"))
                .orElse(false);
    }
}
