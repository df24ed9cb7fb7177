package io.quarkiverse.session.runtime.metrics;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkiverse.session.spi.SessionStore;

/**
 * The session meters of a store on a Prometheus registry, as the demo app has them: the extension's own meter class,
 * reached from the benchmark through its package.
 */
public final class PrometheusMeters {

    private PrometheusMeters() {
    }

    public static SessionMetrics of(String storeName, SessionStore store) {
        return new MicrometerSessionMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .forStore(storeName, store);
    }
}
