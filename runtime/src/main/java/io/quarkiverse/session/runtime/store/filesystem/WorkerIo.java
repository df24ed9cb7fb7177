package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs the store's blocking file I/O on a worker thread of Mutiny's default pool, never on the subscriber's thread,
 * which may be an event loop.
 */
final class WorkerIo {

    /** Blocking work that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    private WorkerIo() {
    }

    /** A {@link Uni} that runs the call on a worker thread when subscribed, and fails with what it throws. */
    static <T> Uni<T> onWorker(IoCall<T> call) {
        return Uni.createFrom().<T> emitter(emitter -> {
            T result;
            try {
                result = call.call();
            } catch (IOException | RuntimeException e) {
                emitter.fail(e);
                return;
            }
            emitter.complete(result);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
