package io.quarkiverse.session.test.saving;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkiverse.session.test.store.ForwardingSessionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * An application store over the memory store whose writes ({@code create} and {@code update}) the test can hold: while
 * its gate is closed, a write is received but neither applied nor answered until the test opens the gate. Results are
 * delivered on a Vert.x event loop, as a remote store's would be.
 * <p>
 * It also records whether a response's headers were written while a write was held, for the resource to report: that
 * is the moment a response that did not wait for the store would leave.
 */
@Singleton
public class GatedSessionStore extends ForwardingSessionStore {

    private final Vertx vertx;
    /** {@code null} while writes pass straight through. */
    private volatile Gate gate;
    private volatile boolean headersWhileHeld;

    GatedSessionStore(Vertx vertx) {
        super(new MemorySessionStore(1000));
        this.vertx = vertx;
    }

    /** Holds every write from now on, until {@link #openGate()}. */
    public void closeGate() {
        headersWhileHeld = false;
        gate = new Gate();
    }

    /** Waits until a write reached the closed gate. */
    public boolean awaitHeldWrite() throws InterruptedException {
        return gate.received.await(30, TimeUnit.SECONDS);
    }

    /** Applies and answers the held writes, and lets later ones pass. */
    public void openGate() {
        Gate current = gate;
        gate = null;
        if (current != null) {
            current.opened.complete(null);
        }
    }

    /** Whether a response's headers were written while a write was held, since the gate was last closed. */
    public boolean headersLeftWhileAWriteWasHeld() {
        return headersWhileHeld;
    }

    /** Called when a response's headers are written. */
    public void onHeadersWritten() {
        Gate current = gate;
        if (current != null && current.received.getCount() == 0) {
            headersWhileHeld = true;
        }
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return held(() -> super.create(key, session));
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return held(() -> super.update(key, update));
    }

    private <T> Uni<T> held(Supplier<Uni<T>> write) {
        Gate current = gate;
        Context context = vertx.getOrCreateContext();
        Uni<T> result;
        if (current == null) {
            result = write.get();
        } else {
            current.received.countDown();
            result = Uni.createFrom().completionStage(current.opened).chain(ignored -> write.get());
        }
        return result.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static final class Gate {
        final CountDownLatch received = new CountDownLatch(1);
        final CompletableFuture<Void> opened = new CompletableFuture<>();
    }
}
