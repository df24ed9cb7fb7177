package io.quarkiverse.session.runtime.metrics;

import java.util.Locale;

/**
 * Why the session ID a request carried was not accepted; the {@code reason} tag of {@code quarkus.session.rejected}.
 */
public enum RejectionReason {
    /** Not a session ID at all: wrong length, alphabet or encoding. */
    MALFORMED,
    /** A well-formed ID of no session the store holds (never issued, deleted, or dropped by the store's own expiry). */
    UNKNOWN,
    /** The session existed but had expired. */
    EXPIRED,
    /** A cookie-store session whose authentication failed: changed, or forged. */
    TAMPERED;

    final String tag = name().toLowerCase(Locale.ROOT);
}
