package io.quarkiverse.session.runtime.store.cookie;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;

/**
 * The AES-GCM nonces of one sealing key in one process: 96 bits, a 64-bit prefix and a 32-bit counter, taken from one
 * sequence shared by every thread that seals.
 * <p>
 * Uniqueness, which is all GCM needs of a nonce (a repeat under one key reveals the authentication key): the sequence
 * is a single {@link AtomicLong} count {@code n} of the nonces handed out, and nonce {@code n} is
 * {@code (start + n / 2^32) mod 2^64 | n mod 2^32}. {@code getAndIncrement} gives every caller, on any thread, its own
 * {@code n}, and the mapping from {@code n} to a nonce is injective for 2^64 nonces (centuries at a billion cookies a
 * second), so <em>no nonce repeats within a sequence, whatever the threads</em>: no lock, no per-thread state. When the
 * counter wraps, the next prefix follows ({@code start + 1}, ...), so that a wrap can never return to a pair already
 * used, which a freshly drawn prefix could.
 * <p>
 * Between sequences under the same secret (a restart, several instances of an application) only the random 64-bit
 * {@code start} separates them: two collide only if one's prefixes reach into the other's, a chance of about
 * {@code (w1 + w2 + 1) / 2^64} for sequences that wrapped {@code w1} and {@code w2} times, that is 2^-64 for each pair of
 * processes that sealed fewer than 2^32 cookies each. Fresh random 96-bit nonces instead would allow a key only about
 * 2^32 cookies in total (NIST SP 800-38D, 8.3).
 * <p>
 * What a nonce reveals: nothing of the session, but the counter tells how many cookies this process sealed before it.
 */
final class GcmNonceSequence {

    static final int NONCE_LENGTH = 12;

    private final long start;
    private final AtomicLong issued;

    /** A sequence starting at a random prefix. */
    GcmNonceSequence() {
        this(randomPrefix(), 0);
    }

    /** A sequence that starts at {@code start} and has already issued {@code issued} nonces: for tests of the wrap. */
    GcmNonceSequence(long start, long issued) {
        this.start = start;
        this.issued = new AtomicLong(issued);
    }

    /** The next nonce: a new array, never returned before by this sequence. */
    byte[] next() {
        long n = issued.getAndIncrement();
        byte[] nonce = new byte[NONCE_LENGTH];
        // Unsigned arithmetic: n counts up to 2^64 - 1 before it could wrap.
        ByteBuffer.wrap(nonce).putLong(start + (n >>> Integer.SIZE)).putInt((int) n);
        return nonce;
    }

    private static long randomPrefix() {
        byte[] random = new byte[Long.BYTES];
        SessionIdGenerator.randomBytes(random);
        return ByteBuffer.wrap(random).getLong();
    }
}
