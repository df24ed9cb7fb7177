package io.quarkiverse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A handler's response is checked as it is built, so that its mistakes fail in the handler, where the extension falls
 * back to the default answer, and never while the response is written.
 */
class SessionErrorResponseTest {

    @Test
    void responseKeepsItsStatusHeadersInOrderAndBody() {
        SessionErrorResponse response = SessionErrorResponse.withStatus(429).header("Retry-After", "7")
                .header("Cache-Control", "no-store").body("application/json; charset=UTF-8", "{\"error\":1}");
        assertEquals(429, response.status());
        assertEquals(List.of("Retry-After", "Cache-Control"), List.copyOf(response.headers().keySet()));
        assertEquals("application/json; charset=UTF-8", response.contentType());
        assertEquals("{\"error\":1}", response.body());
        assertEquals(Map.of("Retry-After", "8"), SessionErrorResponse.withStatus(503).header("Retry-After", "7")
                .header("Retry-After", "8").headers(), "a header set again is replaced");
        SessionErrorResponse bare = SessionErrorResponse.withStatus(302).header("Location", "/maintenance");
        assertNull(bare.body());
        assertNull(bare.contentType());
    }

    @Test
    void statusOutside200To599IsRefused() {
        for (int status : new int[] { 0, 100, 199, 600, -1 }) {
            assertThrows(IllegalArgumentException.class, () -> SessionErrorResponse.withStatus(status), "" + status);
        }
    }

    @Test
    void headerThatCouldInjectAnotherIsRefused() {
        SessionErrorResponse response = SessionErrorResponse.withStatus(503);
        for (String value : List.of("1\r\nSet-Cookie: session_id=x", "1\n", "\u0000", "caf\u00e9")) {
            assertThrows(IllegalArgumentException.class, () -> response.header("Retry-After", value));
        }
        for (String name : List.of("", "Retry After", "X:Y", "X\r\nY", "Content-Length", "transfer-encoding",
                "Content-Type")) {
            assertThrows(IllegalArgumentException.class, () -> response.header(name, "1"), name);
        }
        assertThrows(IllegalArgumentException.class, () -> response.header("X-Null", null));
    }

    @Test
    void bodyNeedsAMediaTypeAndAText() {
        SessionErrorResponse response = SessionErrorResponse.withStatus(503);
        for (String contentType : List.of("", "json", "/json", "application/", "text/plain\r\nX: y", "a/b/c")) {
            assertThrows(IllegalArgumentException.class, () -> response.body(contentType, "x"), contentType);
        }
        assertThrows(IllegalArgumentException.class, () -> response.body("text/plain", null));
    }
}
