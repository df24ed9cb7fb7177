package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.util.function.Supplier;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.RedactedFailure;
import io.quarkiverse.session.spi.SessionKey;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs the store's blocking file I/O on a worker thread of Mutiny's default pool, never on the subscriber's thread,
 * which may be an event loop. An {@link IOException} fails the {@link Uni} as a {@link SessionStoreException} whose
 * message names the operation, the key's short hash and the exception's type: the I/O exception's own message holds the
 * file's path, which is the full hash, so the cause keeps only its type and stack trace.
 */
final class WorkerIo {

    /** Blocking work that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    private WorkerIo() {
    }

    /**
     * A {@link Uni} that runs an operation on one session on a worker thread when subscribed.
     *
     * @param operation what is done to the session, as in "failed to {@code operation} session …"
     */
    static <T> Uni<T> onWorker(String operation, SessionKey key, IoCall<T> call) {
        return onWorker(call, () -> operation + " session " + key.shortHash());
    }

    /**
     * A {@link Uni} that runs an operation on the whole directory on a worker thread when subscribed.
     *
     * @param operation what is done, as in "failed to {@code operation}"
     */
    static <T> Uni<T> onWorker(String operation, IoCall<T> call) {
        return onWorker(call, () -> operation);
    }

    private static <T> Uni<T> onWorker(IoCall<T> call, Supplier<String> operation) {
        return Uni.createFrom().<T> emitter(emitter -> {
            T result;
            try {
                result = call.call();
            } catch (IOException e) {
                emitter.fail(new SessionStoreException("The filesystem session store failed to "
                        + operation.get() + " (" + e.getClass().getName() + ")", RedactedFailure.of(e)));
                return;
            } catch (RuntimeException e) {
                emitter.fail(e);
                return;
            }
            emitter.complete(result);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
