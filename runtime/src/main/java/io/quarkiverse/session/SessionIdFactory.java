package io.quarkiverse.session;

/**
 * Makes the IDs of new sessions. The extension's own factory makes 192 random bits from {@code SecureRandom}, written as
 * 32 characters of URL-safe Base64; an application bean implementing this interface replaces it, for example to put a
 * tenant or a region in front of the random part:
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class TenantSessionIds implements SessionIdFactory {
 *
 *     private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
 *     private final SecureRandom random = new SecureRandom();
 *
 *     &#64;Override
 *     public String newId() {
 *         byte[] bytes = new byte[24];
 *         random.nextBytes(bytes);
 *         return "eu1-" + BASE64.encodeToString(bytes);
 *     }
 * }
 * </pre>
 *
 * Contract: {@link #newId()} is called on event-loop threads, concurrently: it must be thread-safe and must not block.
 * Every ID it returns must be new, unpredictable, and meet the rules the extension checks before it uses the ID, so that
 * the ID travels in a cookie, a header, a query parameter or a path segment without encoding and cannot be guessed:
 * <ul>
 * <li>22 to 128 characters;</li>
 * <li>only {@code A-Z a-z 0-9 - _} (the URL-safe Base64 alphabet);</li>
 * <li>at least 128 bits of entropy. The extension can only check that this is plausible. At startup it asks for 16 IDs:
 * the characters they use tell the factory's alphabet, and every ID must be long enough to hold 128 bits in it (39
 * decimal digits, 32 hexadecimal digits of one case, 28 letters of one case, 25 letters of one case and digits, 23
 * letters, 22 characters otherwise); and every ID must have at least 4 distinct characters. A fixed prefix counts in the
 * length but holds no entropy: add it to 128 random bits, never in place of them;</li>
 * <li>never an ID returned before: stores refuse to create a session under a key in use, and the request fails.</li>
 * </ul>
 * An ID that breaks one of these rules fails the request that needed it with a {@code 500} whose log line names this
 * bean's class and the rule, never the ID. The 16 IDs of startup are checked the same way, and must all differ, so that
 * a factory that breaks the rules fails startup instead. The application's IDs are accepted back from clients if they have the
 * length and the alphabet above; with the extension's own factory, only 32-character IDs are.
 */
@FunctionalInterface
public interface SessionIdFactory {

    /**
     * Returns the ID of a new session.
     */
    String newId();
}
