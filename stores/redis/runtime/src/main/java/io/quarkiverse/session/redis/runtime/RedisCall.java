package io.quarkiverse.session.redis.runtime;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.quarkiverse.session.SessionStoreException;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.mutiny.redis.client.Response;

/**
 * One exchange with Redis as a {@code Uni} of its own: sent when subscribed, its answer turned into the result, failed
 * after the timeout without one.
 * <p>
 * Invariants: exactly one of the result, the failure and the timeout reaches the subscriber, and none after a
 * cancellation; a timeout or a cancellation stops the timer's wait, not the request already sent (Redis may still apply
 * it). It takes the place of a chain of Mutiny operators (the client's wrapper, a timeout, a mapping), each of which
 * subscribes to the one above it and captures the request's context for propagation on every subscription: on a round
 * trip of tens of microseconds, that shows in the benchmark.
 */
final class RedisCall<T> extends AbstractUni<T> {

    private final Supplier<Future<io.vertx.redis.client.Response>> send;
    private final Function<Response, T> result;
    private final Duration timeout;

    /**
     * @param send sends the request, when the call is subscribed
     * @param result turns the answer into the call's result; an exception it throws fails the call
     * @param timeout how long the answer may take
     */
    RedisCall(Supplier<Future<io.vertx.redis.client.Response>> send, Function<Response, T> result, Duration timeout) {
        this.send = send;
        this.result = result;
        this.timeout = timeout;
    }

    @Override
    public void subscribe(UniSubscriber<? super T> subscriber) {
        Exchange<T> exchange = new Exchange<>(subscriber, result);
        subscriber.onSubscribe(exchange);
        if (exchange.get()) {
            return;
        }
        exchange.timer = Infrastructure.getDefaultWorkerPool().schedule(() -> exchange.fail(new SessionStoreException(
                "Redis did not answer within " + timeout.toMillis() + " ms (quarkus.session.redis.timeout)")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        Future<io.vertx.redis.client.Response> answer;
        try {
            answer = send.get();
        } catch (RuntimeException e) {
            exchange.fail(e);
            return;
        }
        answer.onComplete(exchange);
    }

    /**
     * One subscription: set once settled or cancelled.
     */
    private static final class Exchange<T> extends AtomicBoolean
            implements UniSubscription, Handler<AsyncResult<io.vertx.redis.client.Response>> {

        private final UniSubscriber<? super T> subscriber;
        private final Function<Response, T> result;
        volatile ScheduledFuture<?> timer;

        Exchange(UniSubscriber<? super T> subscriber, Function<Response, T> result) {
            this.subscriber = subscriber;
            this.result = result;
        }

        @Override
        public void handle(AsyncResult<io.vertx.redis.client.Response> answer) {
            if (answer.failed()) {
                fail(answer.cause());
                return;
            }
            T item;
            try {
                item = result.apply(Response.newInstance(answer.result()));
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

        private boolean settle() {
            if (!compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> scheduled = timer;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return true;
        }
    }
}
