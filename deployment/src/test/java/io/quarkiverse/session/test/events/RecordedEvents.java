package io.quarkiverse.session.test.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import io.quarkiverse.session.SessionEvent;

/**
 * Observes every session event, synchronously and asynchronously, and keeps them in order; a synchronous observer that
 * fails on every event shows that an observer's failure does not fail the request.
 */
@Singleton
public class RecordedEvents {

    final List<SessionEvent> synchronous = new CopyOnWriteArrayList<>();
    final List<SessionEvent> asynchronous = new CopyOnWriteArrayList<>();

    void onEvent(@Observes SessionEvent event) {
        synchronous.add(event);
    }

    void onEventAsync(@ObservesAsync SessionEvent event) {
        asynchronous.add(event);
    }

    void failingObserver(@Observes SessionEvent event) {
        throw new IllegalStateException("an observer that fails");
    }

    void clear() {
        synchronous.clear();
        asynchronous.clear();
    }
}
