package io.quarkiverse.session.runtime.store;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * One call of a store to its server through a Vert.x client, as a {@code Uni} of its own: sent when subscribed, its
 * answer turned into the result, failed after the timeout without one. For the store extensions' hot paths.
 * <p>
 * Invariants: exactly one of the result, the failure and the timeout reaches the subscriber, and none after a
 * cancellation; a timeout or a cancellation stops the timer's wait, not the request already sent (Redis may still apply
 * it). It takes the place of a chain of Mutiny operators (the client's Mutiny wrapper, a timeout, a mapping), each of which
 * subscribes to the one above it and captures the request's context for propagation on every subscription: on a round
 * trip of tens of microseconds, that shows in the benchmark.
 */
public final class VertxCall<R, T> extends AbstractUni<T> {

    private final Supplier<Future<R>> send;
    private final Function<R, T> result;
    private final Duration timeout;
    private final Supplier<? extends Throwable> timedOut;

    /**
     * @param send sends the request, when the call is subscribed
     * @param result turns the answer into the call's result; an exception it throws fails the call
     * @param timeout how long the answer may take
     * @param timedOut the failure of a call that has not answered in time: it names the setting of the timeout
     */
    public VertxCall(Supplier<Future<R>> send, Function<R, T> result, Duration timeout,
            Supplier<? extends Throwable> timedOut) {
        this.send = send;
        this.result = result;
        this.timeout = timeout;
        this.timedOut = timedOut;
    }

    @Override
    public void subscribe(UniSubscriber<? super T> subscriber) {
        Exchange<R, T> exchange = new Exchange<>(subscriber, result);
        subscriber.onSubscribe(exchange);
        if (exchange.get()) {
            return;
        }
        exchange.startDeadline(timeout, () -> exchange.fail(timedOut.get()));
        if (exchange.get()) {
            // Cancelled while the timer was being set.
            return;
        }
        Future<R> answer;
        try {
            answer = send.get();
        } catch (RuntimeException e) {
            exchange.fail(e);
            return;
        }
        answer.onComplete(exchange);
    }

    /**
     * One subscription: settled by the answer, the deadline or a cancellation.
     */
    private static final class Exchange<R, T> extends SettleOnce implements UniSubscription, Handler<AsyncResult<R>> {

        private final UniSubscriber<? super T> subscriber;
        private final Function<R, T> result;

        Exchange(UniSubscriber<? super T> subscriber, Function<R, T> result) {
            this.subscriber = subscriber;
            this.result = result;
        }

        @Override
        public void handle(AsyncResult<R> answer) {
            if (answer.failed()) {
                fail(answer.cause());
                return;
            }
            T item;
            try {
                item = result.apply(answer.result());
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (settle()) {
                subscriber.onItem(item);
            }
        }

        void fail(Throwable failure) {
            if (settle()) {
                subscriber.onFailure(failure);
            }
        }

        @Override
        public void cancel() {
            settle();
        }
    }
}
