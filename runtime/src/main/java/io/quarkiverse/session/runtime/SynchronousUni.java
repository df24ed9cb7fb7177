package io.quarkiverse.session.runtime;

import io.smallrye.mutiny.Uni;

/**
 * Runs a {@link Uni} at once and tells whether it already completed: Quarkus REST suspends and resumes a request for every
 * {@code Uni} a filter returns, while a {@code null} lets it go on directly. With stores that answer at once (memory,
 * cookie) nearly every session operation completes during the call.
 */
final class SynchronousUni {

    private SynchronousUni() {
    }

    /**
     * Subscribes to {@code operation} now.
     *
     * @return {@code null} if it completed successfully during the call, otherwise a {@link Uni} of its outcome (its
     *         failure if it failed during the call)
     */
    static Uni<Void> runNow(Uni<Void> operation) {
        Outcome outcome = new Outcome();
        operation.subscribe().with(ignored -> outcome.complete(null), outcome::complete);
        return outcome.toUniUnlessSucceeded();
    }

    private static final class Outcome {

        private boolean done;
        private Throwable failure;
        private io.smallrye.mutiny.subscription.UniEmitter<? super Void> waiting;

        synchronized void complete(Throwable failure) {
            this.done = true;
            this.failure = failure;
            if (waiting != null) {
                if (failure == null) {
                    waiting.complete(null);
                } else {
                    waiting.fail(failure);
                }
            }
        }

        synchronized Uni<Void> toUniUnlessSucceeded() {
            if (done) {
                return failure == null ? null : Uni.createFrom().failure(failure);
            }
            return Uni.createFrom().emitter(emitter -> {
                synchronized (this) {
                    if (done) {
                        if (failure == null) {
                            emitter.complete(null);
                        } else {
                            emitter.fail(failure);
                        }
                    } else {
                        waiting = emitter;
                    }
                }
            });
        }
    }
}
