package io.quarkiverse.session.it.bench;

import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.session.SessionEvent;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * An observer of every session event, for the benchmark of what observing costs: only in a build with
 * {@code -Dbench.session-events=true}, since an application without any observer must pay nothing.
 */
@Singleton
@IfBuildProperty(name = "bench.session-events", stringValue = "true")
public class SessionEventCounter {

    private final LongAdder events = new LongAdder();

    void count(@Observes SessionEvent event) {
        events.increment();
    }

    public long count() {
        return events.sum();
    }
}
