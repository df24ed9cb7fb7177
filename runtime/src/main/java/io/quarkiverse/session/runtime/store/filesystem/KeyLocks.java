package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

import io.quarkiverse.session.runtime.store.filesystem.WorkerIo.IoCall;
import io.quarkiverse.session.spi.SessionKey;

/**
 * 256 locks, one chosen by each key's hash: whatever writes or deletes a session's file holds its key's lock. They exist
 * in this process only.
 */
final class KeyLocks {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs a call holding the lock of a key. */
    <T> T holding(SessionKey key, IoCall<T> call) throws IOException {
        ReentrantLock lock = locks[stripeOf(key)];
        lock.lock();
        try {
            return call.call();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a call holding the locks of two keys, which may be one lock. */
    <T> T holding(SessionKey one, SessionKey other, IoCall<T> call) throws IOException {
        // A fixed order, so that two moves between the same stripes cannot deadlock.
        int oneStripe = stripeOf(one);
        int otherStripe = stripeOf(other);
        ReentrantLock first = locks[Math.min(oneStripe, otherStripe)];
        ReentrantLock second = locks[Math.max(oneStripe, otherStripe)];
        first.lock();
        second.lock();
        try {
            return call.call();
        } finally {
            second.unlock();
            first.unlock();
        }
    }

    private static int stripeOf(SessionKey key) {
        return key.hashCode() & (STRIPES - 1);
    }
}
