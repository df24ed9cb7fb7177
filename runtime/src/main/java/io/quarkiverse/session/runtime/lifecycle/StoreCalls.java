package io.quarkiverse.session.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.RedactedFailure;
import io.quarkiverse.session.runtime.metrics.SessionMetrics;
import io.quarkiverse.session.runtime.metrics.StoreOperation;
import io.quarkiverse.session.runtime.store.ImmediateSessionStore;
import io.quarkiverse.session.runtime.store.SettleOnce;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one path of every call to the store: a store that answers at once is called directly, any other through its
 * {@link Uni}; either way the caller gets a future, and every failure a {@link SessionStoreException} that names the
 * operation and the short hash of the key only.
 * <p>
 * A call through a {@link Uni} that has not answered within the store timeout fails with a
 * {@link SessionStoreException} saying so, and its subscription is cancelled: a store that never answers costs a request
 * a bounded time, never a hung connection. A store that answers at once is not bounded: it does no I/O, completes
 * before it returns, and a call on the caller's own thread could not be interrupted anyway. The calls on the whole store
 * are bounded otherwise: the ping by the store timeout, the sweep of expired sessions by its interval (by its caller),
 * {@link #deleteAll} by {@link #DELETE_ALL_TIMEOUT}.
 * <p>
 * A result that arrives on another thread than an event-loop caller's is handed back on that caller's event loop, so
 * that the request continues where it started.
 * <p>
 * Every call is reported to the {@link SessionMetrics}, timed only if they measure time, from the call to its outcome.
 */
final class StoreCalls {

    private static final CompletableFuture<Boolean> TRUE = CompletableFuture.completedFuture(true);
    private static final CompletableFuture<Boolean> FALSE = CompletableFuture.completedFuture(false);
    private static final CompletableFuture<Object> NOTHING = CompletableFuture.completedFuture(null);

    /**
     * How long deleting every session may take. A store that works deletes many thousands a second (memory at once, the
     * filesystem a file per unlink, Redis and PostgreSQL in pipelined or batched round trips, each bounded by their own
     * timeout), so this only catches a store that stopped answering without failing; a caller that wants less adds
     * its own bound.
     */
    static final Duration DELETE_ALL_TIMEOUT = Duration.ofMinutes(5);

    private final SessionStore store;
    /** The store, if it answers at once; else null. */
    private final ImmediateSessionStore immediateStore;
    /** How long a call through a {@link Uni} may take. */
    private final Duration timeout;
    private final SessionMetrics metrics;
    private final boolean timed;

    StoreCalls(SessionStore store, Duration timeout, SessionMetrics metrics) {
        this.store = store;
        this.immediateStore = store instanceof ImmediateSessionStore immediate ? immediate : null;
        this.timeout = timeout;
        this.metrics = metrics;
        this.timed = metrics.timesStoreCalls();
    }

    /**
     * Whether every call completes before it returns: then a session can be loaded on first use, on any thread.
     */
    boolean answersImmediately() {
        return immediateStore != null;
    }

    CompletableFuture<SessionRecord> load(SessionKey key) {
        return call(Operation.LOAD, key, null);
    }

    CompletableFuture<Void> create(SessionKey key, SessionRecord record) {
        return call(Operation.CREATE, key, record);
    }

    CompletableFuture<Boolean> update(SessionKey key, SessionUpdate update) {
        return call(Operation.UPDATE, key, update);
    }

    CompletableFuture<Boolean> changeKey(SessionKey from, SessionKey to) {
        return call(Operation.CHANGE_KEY, from, to);
    }

    CompletableFuture<Boolean> delete(SessionKey key) {
        return call(Operation.DELETE, key, null);
    }

    /** The store's readiness, bounded by the store timeout. */
    Uni<Void> ping() {
        return store.ping().ifNoItem().after(timeout).failWith(() -> new SessionStoreException(
                "The session store did not answer within " + timeout.toMillis() + " ms (quarkus.session.store-timeout)"));
    }

    /**
     * Finds the sessions of one principal: bounded by the store timeout, as a load is, since a user has few sessions. A
     * store's refusal ({@link UnsupportedOperationException}: no index) is passed on as it is.
     */
    Uni<List<SessionEntry>> findByPrincipal(String principal) {
        return wholeCall(() -> store.findByPrincipal(principal), StoreOperation.FIND_BY_PRINCIPAL, timeout,
                "find the sessions of a principal", "within " + timeout.toMillis() + " ms (quarkus.session.store-timeout)");
    }

    /** The sweep of expired sessions: not bounded by the store timeout, since it may delete many. */
    Uni<Integer> expire(Instant now) {
        return store.expire(now);
    }

    /**
     * Deletes every session: bounded by {@link #DELETE_ALL_TIMEOUT}, not by the store timeout, which is meant for one
     * session and would fail the deletion of many; a timeout cancels the store's work. A store's refusal
     * ({@link UnsupportedOperationException}, the cookie store's) is passed on as it is.
     */
    Uni<Integer> deleteAll() {
        return wholeCall(store::deleteAll, StoreOperation.DELETE_ALL, DELETE_ALL_TIMEOUT, "delete all sessions",
                "within " + DELETE_ALL_TIMEOUT.toMinutes() + " minutes; those it deleted stay deleted");
    }

    /**
     * A call about many sessions, or none in particular, measured and bounded by a deadline. A store's refusal
     * ({@link UnsupportedOperationException}) is no store error and is passed on as it is; any other failure becomes a
     * {@link SessionStoreException} named by its type only, as for every other call.
     *
     * @param what what the store was asked to do, for the messages
     * @param bound the deadline, as the timeout message says it
     */
    private <T> Uni<T> wholeCall(Supplier<Uni<T>> operation, StoreOperation measured, Duration deadline, String what,
            String bound) {
        return Uni.createFrom().deferred(() -> {
            long start = timed ? System.nanoTime() : 0;
            Uni<T> call;
            try {
                call = operation.get();
            } catch (RuntimeException e) {
                call = Uni.createFrom().failure(e);
            }
            return call.ifNoItem().after(deadline)
                    .failWith(() -> new SessionStoreException("The session store did not " + what + " " + bound))
                    .onItem().invoke(() -> measure(measured, start, false))
                    .onFailure().transform(failure -> {
                        boolean refused = failure instanceof UnsupportedOperationException;
                        measure(measured, start, !refused);
                        return refused || failure instanceof SessionStoreException ? failure
                                : new SessionStoreException("The session store failed to " + what + " ("
                                        + failure.getClass().getName() + ")", RedactedFailure.of(failure));
                    });
        });
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> call(Operation operation, SessionKey key, Object argument) {
        long start = timed ? System.nanoTime() : 0;
        try {
            if (immediateStore != null) {
                CompletableFuture<T> result = (CompletableFuture<T>) completed(
                        operation.now(immediateStore, key, argument));
                measure(operation.measured, start, false);
                return result;
            }
            return later((Uni<T>) operation.later(store, key, argument), operation, key, start);
        } catch (RuntimeException e) {
            measure(operation.measured, start, true);
            return CompletableFuture.failedFuture(failure(e, operation, key));
        }
    }

    private void measure(StoreOperation operation, long start, boolean failed) {
        if (timed) {
            metrics.storeCall(operation, System.nanoTime() - start);
        }
        if (failed) {
            metrics.storeError(operation);
        }
    }

    private static CompletableFuture<?> completed(Object result) {
        if (result == null) {
            return NOTHING;
        }
        if (result instanceof Boolean answer) {
            return answer ? TRUE : FALSE;
        }
        return CompletableFuture.completedFuture(result);
    }

    /**
     * Names the failure by its type only, and keeps it as a cause without its messages: a store's own message may carry
     * the full key hash, a file path or a value, and this exception reaches the WARN log of every failing request. A
     * {@link SessionStoreException} is the store's own account, passed on as it is.
     */
    private static SessionStoreException failure(Throwable failure, Operation operation, SessionKey key) {
        return failure instanceof SessionStoreException known ? known
                : new SessionStoreException("The session store failed to " + operation.verb + " session "
                        + key.shortHash() + " (" + failure.getClass().getName() + ")", RedactedFailure.of(failure));
    }

    private SessionStoreException timedOut(Operation operation, SessionKey key) {
        return new SessionStoreException("The session store timed out: it did not " + operation.verb + " session "
                + key.shortHash() + " within " + timeout.toMillis() + " ms (quarkus.session.store-timeout)");
    }

    /**
     * Subscribes to an asynchronous store operation, bounded by the timeout. A store over a blocking API completes on a
     * worker thread; an event-loop caller (a load before a {@code @NonBlocking} endpoint) continues on its own event
     * loop. Results that arrive on the calling thread are passed on as they are.
     * <p>
     * One subscriber, not a chain of Mutiny operators: every operator of a chain subscribes to the one above it, and
     * each subscription captures the request's context for propagation, which on a store round trip of tens of
     * microseconds is a cost that shows.
     */
    private <T> CompletableFuture<T> later(Uni<T> call, Operation operation, SessionKey key, long start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = Vertx.currentContext();
        Context callerEventLoop = context != null && Context.isOnEventLoopThread() ? context : null;
        call.subscribe().withSubscriber(new BoundedCall<>(this, result, operation, key, start, callerEventLoop,
                Thread.currentThread()));
        return result;
    }

    /**
     * The subscriber of one store call: the first of its item, its failure and its timeout settles the call; a timeout
     * cancels the subscription.
     */
    private static final class BoundedCall<T> extends SettleOnce implements UniSubscriber<T> {

        private final StoreCalls calls;
        private final CompletableFuture<T> result;
        private final Operation operation;
        private final SessionKey key;
        private final long start;
        private final Context callerEventLoop;
        private final Thread caller;

        BoundedCall(StoreCalls calls, CompletableFuture<T> result, Operation operation, SessionKey key, long start,
                Context callerEventLoop, Thread caller) {
            this.calls = calls;
            this.result = result;
            this.operation = operation;
            this.key = key;
            this.start = start;
            this.callerEventLoop = callerEventLoop;
            this.caller = caller;
        }

        @Override
        public void onSubscribe(UniSubscription subscription) {
            startDeadline(calls.timeout, () -> {
                if (settle()) {
                    subscription.cancel();
                    calls.measure(operation.measured, start, true);
                    deliver(result, null, calls.timedOut(operation, key), callerEventLoop, caller);
                }
            });
        }

        @Override
        public void onItem(T item) {
            if (settle()) {
                calls.measure(operation.measured, start, false);
                deliver(result, item, null, callerEventLoop, caller);
            }
        }

        @Override
        public void onFailure(Throwable failure) {
            if (settle()) {
                calls.measure(operation.measured, start, true);
                deliver(result, null, failure(failure, operation, key), callerEventLoop, caller);
            }
        }
    }

    /** Completes the call's future: on the caller's event loop, if it has one and this is another thread. */
    private static <T> void deliver(CompletableFuture<T> result, T item, Throwable failure, Context callerEventLoop,
            Thread caller) {
        if (callerEventLoop == null || Thread.currentThread() == caller) {
            complete(result, item, failure);
        } else {
            callerEventLoop.runOnContext(ignored -> complete(result, item, failure));
        }
    }

    private static <T> void complete(CompletableFuture<T> result, T item, Throwable failure) {
        if (failure == null) {
            result.complete(item);
        } else {
            result.completeExceptionally(failure);
        }
    }

    /**
     * The store operations, each once for stores that answer at once and once for the others.
     */
    private enum Operation {
        LOAD("load", StoreOperation.LOAD) {
            @Override
            Object now(ImmediateSessionStore store, SessionKey key, Object argument) {
                return store.loadNow(key);
            }

            @Override
            Uni<?> later(SessionStore store, SessionKey key, Object argument) {
                return store.load(key);
            }
        },
        CREATE("create", StoreOperation.CREATE) {
            @Override
            Object now(ImmediateSessionStore store, SessionKey key, Object argument) {
                store.createNow(key, (SessionRecord) argument);
                return null;
            }

            @Override
            Uni<?> later(SessionStore store, SessionKey key, Object argument) {
                return store.create(key, (SessionRecord) argument);
            }
        },
        UPDATE("update", StoreOperation.UPDATE) {
            @Override
            Object now(ImmediateSessionStore store, SessionKey key, Object argument) {
                return store.updateNow(key, (SessionUpdate) argument);
            }

            @Override
            Uni<?> later(SessionStore store, SessionKey key, Object argument) {
                return store.update(key, (SessionUpdate) argument);
            }
        },
        CHANGE_KEY("change the ID of", StoreOperation.CHANGE_KEY) {
            @Override
            Object now(ImmediateSessionStore store, SessionKey key, Object argument) {
                return store.changeKeyNow(key, (SessionKey) argument);
            }

            @Override
            Uni<?> later(SessionStore store, SessionKey key, Object argument) {
                return store.changeKey(key, (SessionKey) argument);
            }
        },
        DELETE("delete", StoreOperation.DELETE) {
            @Override
            Object now(ImmediateSessionStore store, SessionKey key, Object argument) {
                return store.deleteNow(key);
            }

            @Override
            Uni<?> later(SessionStore store, SessionKey key, Object argument) {
                return store.delete(key);
            }
        };

        final String verb;
        final StoreOperation measured;

        Operation(String verb, StoreOperation measured) {
            this.verb = verb;
            this.measured = measured;
        }

        abstract Object now(ImmediateSessionStore store, SessionKey key, Object argument);

        abstract Uni<?> later(SessionStore store, SessionKey key, Object argument);
    }
}
