package io.quarkiverse.session.runtime.metrics;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.session.spi.SessionStore;

/**
 * The session meters in Micrometer's registry: registered only when the application contains
 * {@code quarkus-micrometer}, whose classes this bean is the only one to use.
 */
@Singleton
public class MicrometerSessionMeters implements SessionMeters {

    private final MeterRegistry registry;

    MicrometerSessionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public SessionMetrics forStore(String storeName, SessionStore store) {
        return new MicrometerSessionMetrics(registry, storeName, store);
    }
}
