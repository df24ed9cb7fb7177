package io.quarkiverse.session.it;

import java.util.stream.Stream;

/**
 * Session cookie values a client may send that must all end as "no session", with status 200: malformed, truncated,
 * oversized, injected, forged, foreign. Each store's tests run the whole corpus.
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
                "A".repeat(5000));
    }
}
