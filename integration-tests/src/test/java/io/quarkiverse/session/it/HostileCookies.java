package io.quarkiverse.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

/**
 * Session cookie values a client may send that must all end as "no session", with status 200: malformed, truncated,
 * oversized, injected, forged, foreign. Each store's tests run the whole corpus: {@link #corpus()} through an HTTP
 * client, {@link #rawCookieHeaders()} byte for byte over a socket.
 */
final class HostileCookies {

    static final String WELL_FORMED_BUT_UNKNOWN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private HostileCookies() {
    }

    static Stream<String> corpus() {
        return Stream.of(
                "",
                "a",
                "abc",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
                WELL_FORMED_BUT_UNKNOWN,
                "________________________________",
                "--------------------------------",
                "../../../../etc/passwd",
                "..%2F..%2F..%2Fetc%2Fpasswd",
                "/tmp/sessions/0000000000000000000000000000000000000000000000000000000000000000.json",
                "' OR 1=1 --",
                "\" OR \"\"=\"",
                "%00%00%00%00",
                "\\u0000\\u0000",
                "<script>alert(1)</script>",
                "${jndi:ldap://127.0.0.1/a}",
                "null",
                "undefined",
                "true",
                "0",
                "-1",
                "9999999999999999999999999999999999999999",
                "ÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄ",
                "eyJhbGciOiJub25lIn0.eyJ1c2VyIjoiYWRtaW4ifQ.",
                "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "AQ" + "A".repeat(200),
                "A".repeat(4000),
                "A".repeat(5000),
                "\"" + WELL_FORMED_BUT_UNKNOWN + "\"",
                "\"" + WELL_FORMED_BUT_UNKNOWN,
                "\"\"",
                "\"not-an-id\"");
    }

    /**
     * Whole {@code Cookie} headers, one list per request (several headers in one request where it holds more than one),
     * with what an HTTP client would not send: NUL bytes, bare CR and LF, CRLF, tabs and spaces around the value. The
     * HTTP layer may refuse such a request (status 400) before any session code runs; if it lets it through, it is a
     * request without a session.
     */
    static Stream<List<String>> rawCookieHeaders() {
        String cookie = SessionCookies.NAME + "=";
        String unknown = WELL_FORMED_BUT_UNKNOWN;
        return Stream.of(
                List.of(cookie + "AAAAAAAAAAAAAAA\0AAAAAAAAAAAAAAAA"),
                List.of(cookie + unknown + "\0"),
                List.of(cookie + "\0" + unknown),
                List.of(cookie + "\0\0\0\0"),
                List.of(cookie + "AAAAAAAAAAAAAAA\rAAAAAAAAAAAAAAAA"),
                List.of(cookie + "AAAAAAAAAAAAAAA\nAAAAAAAAAAAAAAAA"),
                List.of(cookie + "AAAAAAAAAAAAAAA\r\nAAAAAAAAAAAAAAAA"),
                List.of(cookie + "AAAAAAAAAAAAAAA\r\nX-Injected: 1"),
                List.of(cookie + "AAAAAAAAAAAAAAA\r\n " + "AAAAAAAAAAAAAAAAA"),
                List.of(cookie + "\t" + unknown + "\t"),
                List.of(cookie + " " + unknown + " "),
                List.of(cookie + " \t " + unknown),
                List.of(cookie + "\t\"" + unknown + "\"\t"),
                List.of(cookie + "AAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAA"),
                List.of(cookie + "AAAAAAAAAAAAAAAA\tAAAAAAAAAAAAAAAA"),
                List.of(cookie + "\t"),
                List.of(cookie + "   "),
                List.of(cookie + "abc", cookie + unknown),
                List.of(cookie + unknown, cookie + "abc"),
                List.of("other=1", cookie + "\0"),
                List.of("other=1", cookie + unknown),
                List.of(cookie + "abc; " + cookie + unknown),
                List.of(cookie + "; " + cookie + "\"" + unknown + "\""),
                List.of(cookie + "\"" + unknown + "\"", cookie + " " + unknown + " "));
    }

    /**
     * The documented form of a session ID: 32 characters of the URL-safe Base64 alphabet. The test's own statement of
     * it, so that a server that checked less would fail.
     */
    static boolean isWellFormedId(String value) {
        return value.length() == 32 && value.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    /**
     * Whether a cookie value holds a well-formed ID as a server may read it: as sent, trimmed, or trimmed and without the
     * double quotes RFC 6265 allows around it. Only for such a value may a store be asked anything.
     */
    static boolean holdsWellFormedId(String value) {
        String stripped = value.strip();
        boolean quoted = stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"");
        return isWellFormedId(value) || isWellFormedId(stripped)
                || quoted && isWellFormedId(stripped.substring(1, stripped.length() - 1));
    }

    /** A live ID with one character changed to another of the alphabet: well-formed, and the ID of no session. */
    static String flippedCharacter(String id) {
        int at = id.length() / 2;
        char flipped = id.charAt(at) == 'A' ? 'B' : 'A';
        return id.substring(0, at) + flipped + id.substring(at + 1);
    }

    /**
     * Checks the answer to a request with {@link #rawCookieHeaders()}: the HTTP layer may refuse such bytes outright
     * (400); what it lets through reaches {@code /visits} as a request without a session.
     */
    static void expectNoSessionOrRefused(RawHttp.Answer answer, List<String> cookieHeaders) {
        String request = printable(cookieHeaders);
        assertTrue(answer.status() == 200 || answer.status() == 400, "status " + answer.status() + " for " + request);
        if (answer.status() == 200) {
            assertEquals("1", answer.body(), "a new session for " + request);
        }
    }

    /** The headers with control characters spelled out, for failure messages. */
    static String printable(List<String> cookieHeaders) {
        return cookieHeaders.stream().map(header -> header.replace("\0", "\\0").replace("\r", "\\r")
                .replace("\n", "\\n").replace("\t", "\\t")).toList().toString();
    }
}
