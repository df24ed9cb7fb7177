package io.quarkiverse.session.runtime.store;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The outcome of one asynchronous call, settled once: by its answer, by its deadline or by a cancellation, whichever
 * comes first.
 * <p>
 * Invariants: {@link #settle()} returns {@code true} to exactly one caller, whose outcome is the call's; settling stops
 * the deadline's timer, even when it happens while the timer is being set. The timer runs on Mutiny's scheduler, which
 * Quarkus backs with a Vert.x timer on Vert.x threads: no thread is held per call.
 */
public abstract class SettleOnce extends AtomicBoolean {

    private volatile ScheduledFuture<?> timer;

    /**
     * Runs {@code onDeadline} once the timeout has passed, unless the call has settled before; {@code onDeadline}
     * settles it itself.
     */
    protected final void startDeadline(Duration timeout, Runnable onDeadline) {
        ScheduledFuture<?> scheduled = Infrastructure.getDefaultWorkerPool().schedule(onDeadline, timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        timer = scheduled;
        if (get()) {
            // Settled while the timer was being set.
            scheduled.cancel(false);
        }
    }

    /**
     * Settles the call and stops its deadline.
     *
     * @return {@code true} for the first caller only
     */
    protected final boolean settle() {
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
