package io.quarkiverse.session.runtime.store.cookie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.SessionTooLargeException;
import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec.CookieSession;
import io.quarkiverse.session.spi.SessionKey;

class CookieSessionCodecTest {

    private static final String SECRET = "a-first-secret-of-at-least-32-bytes-long";
    private static final String NEXT_SECRET = "the-next-secret-of-at-least-32-bytes-long";
    private static final String NAME = "session_id";

    private final CookieSessionCodec codec = new CookieSessionCodec(List.of(SECRET), NAME);

    private static CookieSession session(Map<String, byte[]> values) {
        return new CookieSession(SessionIdGenerator.generate(), 1_000L, 2_000L, 60_000L, values);
    }

    @Test
    void sealedSessionOpensWithItsIdTimesAndValues() {
        CookieSession original = session(Map.of("cart", json("[{\"sku\":\"apple\"}]"), "visits", json("3")));
        CookieSession opened = codec.open(codec.seal(original));
        assertNotNull(opened);
        assertEquals(original.id(), opened.id());
        assertEquals(1_000L, opened.createdAt());
        assertEquals(2_000L, opened.lastAccessedAt());
        assertEquals(60_000L, opened.idleTimeoutMillis());
        assertArrayEquals(json("3"), opened.values().get("visits"));
        assertArrayEquals(json("[{\"sku\":\"apple\"}]"), opened.values().get("cart"));
    }

    @Test
    void cookieSealedByEarlierReleasesStillOpens() {
        // Sealed by the first version of the codec (a session with visits=3); the format must not drift.
        CookieSession opened = codec.open("Ad-7f8MB4LtGjs0tWgAAAAAMmwfFOSxeuYwZE5ZqdtkaAHJMzu-IA6gaBlE7nmCx2CJofnHJSgHJvkk5I"
                + "_3M6R2u2bWbDEbQuhnEyhUEwCxuBZUnpnKRNvgD0mq-Jo_wMCUjjh2Ntdo");
        assertNotNull(opened);
        assertEquals("A".repeat(32), opened.id());
        assertEquals(1_000L, opened.createdAt());
        assertEquals(2_000L, opened.lastAccessedAt());
        assertEquals(60_000L, opened.idleTimeoutMillis());
        assertEquals(Set.of("visits"), opened.values().keySet());
        assertArrayEquals(json("3"), opened.values().get("visits"));
    }

    @Test
    void idOfAnApplicationFactoryOfAnyAllowedLengthRoundTrips() {
        for (String id : List.of("eu1-" + "x1_Y".repeat(9), "Z".repeat(22), "a-".repeat(64))) {
            CookieSession original = new CookieSession(id, 1_000L, 2_000L, 0L, Map.of("visits", json("3")));
            String sealed = codec.seal(original);
            assertEquals(2, Base64.getUrlDecoder().decode(sealed)[0], "an ID of " + id.length() + " characters: version 2");
            CookieSession opened = codec.open(sealed);
            assertNotNull(opened, id);
            assertEquals(id, opened.id());
            assertEquals(2_000L, opened.lastAccessedAt());
            assertArrayEquals(json("3"), opened.values().get("visits"));
        }
    }

    @Test
    void idOfTheBuiltInLengthKeepsTheFirstFormat() {
        String sealed = codec.seal(session(Map.of()));
        assertEquals(1, Base64.getUrlDecoder().decode(sealed)[0], "32 characters: version 1, as before");
    }

    @Test
    void versionOfACookieCannotBeChanged() {
        for (String id : List.of(SessionIdGenerator.generate(), "eu1-" + SessionIdGenerator.generate())) {
            byte[] sealed = Base64.getUrlDecoder().decode(codec.seal(new CookieSession(id, 1L, 2L, 0L, Map.of())));
            sealed[0] = (byte) (3 - sealed[0]);
            assertNull(codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(sealed)),
                    "the version is authenticated: its plaintext is never read the other way");
        }
    }

    @Test
    void sealedValueRevealsNothingAndNeverRepeats() {
        CookieSession session = session(Map.of("secret", json("\"visible-plaintext\"")));
        String first = codec.seal(session);
        String second = codec.seal(session);
        assertNotEquals(first, second, "a fresh nonce for every seal");
        String decoded = new String(Base64.getUrlDecoder().decode(first), StandardCharsets.ISO_8859_1);
        assertTrue(!decoded.contains("visible-plaintext") && !decoded.contains(session.id()));
    }

    @Test
    void noncesNeverRepeatAcrossThreads() throws Exception {
        CookieSession session = session(Map.of("n", json("1")));
        Set<String> nonces = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sealing = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                sealing.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        byte[] sealed = Base64.getUrlDecoder().decode(codec.seal(session));
                        // version (1) | key ID (4) | nonce (12)
                        nonces.add(HexFormat.of().formatHex(sealed, 5, 17));
                    }
                }));
            }
            for (Future<?> done : sealing) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(20_000, nonces.size());
    }

    @Test
    void sealsFromShortLivedThreadsShareOneNonceSequence() throws Exception {
        // Cookies are sealed on whatever thread flushes the session, with @RunOnVirtualThread a new one per request:
        // nonces must come from one sequence per key, not one per thread, or their number of prefixes grows with
        // requests. Each thread here seals once and ends, one after the other; the nonces must have one prefix and
        // consecutive counters.
        CookieSession session = session(Map.of("n", json("1")));
        List<byte[]> nonces = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[][] sealed = new byte[1][];
            Thread thread = new Thread(() -> sealed[0] = Base64.getUrlDecoder().decode(codec.seal(session)));
            thread.start();
            thread.join();
            nonces.add(nonce(sealed[0]));
        }
        long prefix = ByteBuffer.wrap(nonces.get(0)).getLong();
        int first = ByteBuffer.wrap(nonces.get(0), 8, 4).getInt();
        for (int i = 0; i < nonces.size(); i++) {
            ByteBuffer nonce = ByteBuffer.wrap(nonces.get(i));
            assertEquals(prefix, nonce.getLong(), "one prefix for every thread, nonce " + i);
            assertEquals(first + i, nonce.getInt(), "the counter of nonce " + i + " follows the previous one");
        }
    }

    @Test
    void concurrentSealsTakeConsecutiveNoncesOfOneSequence() throws Exception {
        CookieSession session = session(Map.of("n", json("1")));
        Set<Long> counters = ConcurrentHashMap.newKeySet();
        Set<Long> prefixes = ConcurrentHashMap.newKeySet();
        // 2,000 threads that each seal once, all at the same time.
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2_000; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                ByteBuffer nonce = ByteBuffer.wrap(nonce(Base64.getUrlDecoder().decode(codec.seal(session))));
                prefixes.add(nonce.getLong());
                counters.add(Integer.toUnsignedLong(nonce.getInt()));
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, prefixes.size(), "one prefix for every thread");
        long lowest = counters.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertEquals(2_000, counters.size(), "every seal its own counter");
        assertEquals(lowest + 1_999, counters.stream().mapToLong(Long::longValue).max().orElseThrow(),
                "no counter skipped or taken twice");
    }

    /** The nonce of a sealed cookie: version (1) | key ID (4) | nonce (12). */
    private static byte[] nonce(byte[] sealed) {
        return Arrays.copyOfRange(sealed, 5, 17);
    }

    @Test
    void toStringNamesNeitherTheIdNorTheValues() {
        CookieSession session = session(Map.of("card", json("\"4111-1111\"")));
        String text = session.toString();
        assertFalse(text.contains(session.id()), text);
        assertFalse(text.contains("4111"), text);
        assertTrue(text.contains(SessionKey.ofSessionId(session.id()).shortHash()) && text.contains("card"), text);
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] sealed = Base64.getUrlDecoder().decode(codec.seal(session(Map.of("k", json("1")))));
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertNull(codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered)), "byte " + i);
        }
    }

    @Test
    void truncatedOrExtendedCookieIsRejected() {
        String sealed = codec.seal(session(Map.of("k", json("1"))));
        for (int length : new int[] { 0, 1, 10, 22, sealed.length() - 1 }) {
            assertNull(codec.open(sealed.substring(0, length)), "length " + length);
        }
        assertNull(codec.open(sealed + "A"));
        assertNull(codec.open(sealed + sealed));
    }

    @Test
    void reEncodedCookieIsRejected() {
        // A cookie whose padded and standard-alphabet spellings both differ from it: its length needs padding (one of
        // three value lengths gives each remainder modulo 3) and it has a '-' or '_' (about six seals in seven).
        String sealed = null;
        for (int attempt = 0; sealed == null && attempt < 1_000; attempt++) {
            String candidate = codec.seal(session(Map.of("k", json("1".repeat(1 + attempt % 3)))));
            if (Base64.getUrlDecoder().decode(candidate).length % 3 != 0
                    && (candidate.indexOf('-') >= 0 || candidate.indexOf('_') >= 0)) {
                sealed = candidate;
            }
        }
        assertNotNull(sealed, "no cookie of 1,000 has both other spellings");
        assertNotNull(codec.open(sealed));
        byte[] bytes = Base64.getUrlDecoder().decode(sealed);
        String padded = Base64.getUrlEncoder().encodeToString(bytes);
        String standard = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        assertNotEquals(sealed, padded);
        assertNotEquals(sealed, standard);
        assertNull(codec.open(padded), "padded");
        assertNull(codec.open(standard), "standard alphabet");
        assertNull(codec.open(Base64.getEncoder().encodeToString(bytes)), "standard alphabet, padded");
    }

    @Test
    void spellingWithNonZeroUnusedBitsIsRejected() {
        // The last character of an unpadded group carries 2 or 4 bits that no byte uses: the decoder ignores them, so
        // setting one gives another string for the same bytes. Three value lengths cover both kinds of group.
        for (int length = 1; length <= 3; length++) {
            String sealed = codec.seal(session(Map.of("k", json("1".repeat(length)))));
            if (sealed.length() % 4 == 0) {
                continue;
            }
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            int last = alphabet.indexOf(sealed.charAt(sealed.length() - 1));
            String respelled = sealed.substring(0, sealed.length() - 1) + alphabet.charAt(last | 1);
            assertArrayEquals(Base64.getUrlDecoder().decode(sealed), Base64.getUrlDecoder().decode(respelled),
                    "the same bytes");
            assertNull(codec.open(respelled), "value length " + length);
            assertNotNull(codec.open(sealed));
        }
    }

    @Test
    void cookieSealedWithAForeignSecretIsRejected() {
        CookieSessionCodec foreign = new CookieSessionCodec(List.of("somebody-elses-secret-of-32-bytes-or-more"), NAME);
        assertNull(codec.open(foreign.seal(session(Map.of("admin", json("true"))))));
    }

    @Test
    void cookieMovedToAnotherNameIsRejected() {
        CookieSessionCodec otherName = new CookieSessionCodec(List.of(SECRET), "other_session");
        assertNull(codec.open(otherName.seal(session(Map.of("k", json("1"))))));
    }

    @Test
    void rotationSealsWithTheFirstSecretAndOpensWithAll() {
        String sealedWithOld = codec.seal(session(Map.of("k", json("1"))));
        CookieSessionCodec rotated = new CookieSessionCodec(List.of(NEXT_SECRET, SECRET), NAME);
        assertNotNull(rotated.open(sealedWithOld), "a cookie of the previous secret still opens");
        String sealedWithNew = rotated.seal(session(Map.of("k", json("2"))));
        assertNull(codec.open(sealedWithNew), "the new secret seals");
        CookieSessionCodec retired = new CookieSessionCodec(List.of(NEXT_SECRET), NAME);
        assertNull(retired.open(sealedWithOld), "once the old secret is removed, its cookies are dead");
    }

    @Test
    void garbageIsRejectedWithoutException() {
        for (String garbage : new String[] { "", "=", "%%%", "a b", "null", "AAAA", "A".repeat(5000), "\u00e9\u00e9",
                "eyJhbGciOiJub25lIn0.eyJ1c2VyIjoiYWRtaW4ifQ." }) {
            assertNull(codec.open(garbage), garbage);
        }
    }

    @Test
    void sessionTooLargeForOneCookieFailsNamingSizeAndLimit() {
        SessionTooLargeException failure = assertThrows(SessionTooLargeException.class,
                () -> codec.seal(session(Map.of("blob", json("\"" + "x".repeat(4000) + "\"")))));
        assertTrue(failure.getMessage().contains("4096"), failure.getMessage());
        assertTrue(failure.getMessage().matches("(?s).*take \\d+ bytes.*"), failure.getMessage());
    }

    @Test
    void largestSessionThatFitsStaysUnder4096Bytes() {
        String sealed = codec.seal(session(Map.of("blob", json("\"" + "x".repeat(2900) + "\""))));
        assertTrue(NAME.length() + 1 + sealed.length() <= 4096);
    }

    private static byte[] json(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
