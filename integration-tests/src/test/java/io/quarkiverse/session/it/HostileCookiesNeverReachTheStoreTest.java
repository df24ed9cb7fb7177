package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Every case of the hostile corpus, on a store that records the keys it is asked about: each is answered as a request
 * without a session (never a 500), and the store is only ever asked about the hash of a well-formed ID (32 characters of
 * the URL-safe Base64 alphabet) the request carried, never about anything else the client sent, and never creates a
 * session under a key the client chose.
 */
@QuarkusTest
@TestProfile(ObservedStoreProfile.class)
class HostileCookiesNeverReachTheStoreTest {

    @Inject
    KeyRecordingStore store;

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#corpus")
    void hostileCookieValueReachesTheStoreOnlyAsAWellFormedId(String hostile) {
        store.forget();
        Response response = given().cookie(SessionCookies.NAME, hostile).get("/visits");
        response.then().statusCode(200).body(equalTo("1"));
        expectOnlyWellFormedIdsAsked(List.of(SessionCookies.NAME + "=" + hostile), SessionCookies.issuedId(response));
    }

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#rawCookieHeaders")
    void rawHostileCookieHeadersReachTheStoreOnlyAsAWellFormedId(List<String> cookieHeaders) throws Exception {
        store.forget();
        RawHttp.Answer answer = RawHttp.get("/visits", cookieHeaders);
        HostileCookies.expectNoSessionOrRefused(answer, cookieHeaders);
        if (answer.status() == 400) {
            assertEquals(List.of(), store.accesses(), "a request refused by the HTTP layer reached the store");
        } else {
            expectOnlyWellFormedIdsAsked(cookieHeaders, issuedId(answer));
        }
    }

    @Test
    void liveIdWithOneCharacterFlippedIsAnotherUnknownIdAndLeavesTheLiveSessionAlone() {
        String live = SessionCookies.issuedId(given().post("/probe/put?key=seed&value=1"));
        String flipped = HostileCookies.flippedCharacter(live);
        store.forget();
        Response response = given().cookie(SessionCookies.NAME, flipped).get("/visits");
        response.then().statusCode(200).body(equalTo("1"));
        String issued = SessionCookies.issuedId(response);
        assertFalse(issued.equals(live) || issued.equals(flipped), "a new ID");
        expectOnlyWellFormedIdsAsked(List.of(SessionCookies.NAME + "=" + flipped), issued);
        assertFalse(store.accesses().stream().anyMatch(access -> access.key().equals(SessionKey.ofSessionId(live))),
                "the live session was asked about");
        given().cookie(SessionCookies.NAME, live).get("/probe/value?key=seed").then().body(equalTo("1"));
    }

    /**
     * Checks every store access since {@link KeyRecordingStore#forget()}: a new session is created under the ID the
     * server issued only; every other access is about the hash of a well-formed ID found in a session cookie of the
     * request, as sent or without the whitespace and double quotes RFC 6265 allows around it.
     */
    private void expectOnlyWellFormedIdsAsked(List<String> cookieHeaders, String issued) {
        Set<SessionKey> sent = new LinkedHashSet<>();
        for (String candidate : sentValues(cookieHeaders)) {
            if (HostileCookies.isWellFormedId(candidate)) {
                sent.add(SessionKey.ofSessionId(candidate));
            }
        }
        SessionKey issuedKey = issued == null ? null : SessionKey.ofSessionId(issued);
        for (KeyRecordingStore.Access access : store.accesses()) {
            if (access.operation().equals("create")) {
                assertEquals(issuedKey, access.key(), "a session created under a key the server did not issue, for "
                        + HostileCookies.printable(cookieHeaders));
            } else if (!sent.contains(access.key())) {
                fail("the store was asked (" + access.operation() + ") about a key that is not the hash of a "
                        + "well-formed ID sent, for " + HostileCookies.printable(cookieHeaders));
            }
        }
        assertTrue(store.accesses().stream().filter(access -> access.operation().equals("load")).count() <= 1,
                "one load at most, for " + HostileCookies.printable(cookieHeaders));
    }

    /** Every value of a session cookie in these headers, as sent, trimmed, and trimmed without double quotes. */
    private static List<String> sentValues(List<String> cookieHeaders) {
        List<String> values = new ArrayList<>();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                String trimmed = pair.strip();
                if (trimmed.startsWith(SessionCookies.NAME + "=")) {
                    String value = trimmed.substring(SessionCookies.NAME.length() + 1);
                    String unpadded = value.strip();
                    values.add(value);
                    values.add(unpadded);
                    if (unpadded.length() >= 2 && unpadded.startsWith("\"") && unpadded.endsWith("\"")) {
                        values.add(unpadded.substring(1, unpadded.length() - 1));
                    }
                }
            }
        }
        return values;
    }

    private static String issuedId(RawHttp.Answer answer) {
        List<String> session = answer.setCookies().stream().filter(c -> c.startsWith(SessionCookies.NAME + "="))
                .toList();
        assertEquals(1, session.size(), "one session cookie: " + answer.setCookies());
        String header = session.get(0);
        return header.substring(SessionCookies.NAME.length() + 1, header.indexOf(';'));
    }
}
