package io.quarkiverse.session.deployment;

import java.util.Optional;

import io.quarkiverse.session.runtime.config.SessionBuildTimeConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/**
 * The session meters and the store's readiness check, each only when the application contains the extension it
 * reports to. The classes are named, not loaded: they use APIs the build may not have.
 */
class ObservabilityProcessor {

    private static final String MICROMETER_METERS = "io.quarkiverse.session.runtime.metrics.MicrometerSessionMeters";
    private static final String STORE_HEALTH_CHECK = "io.quarkiverse.session.runtime.health.SessionStoreHealthCheck";

    @BuildStep
    void registerMicrometerMeters(Optional<MetricsCapabilityBuildItem> metrics,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(MICROMETER_METERS));
        }
    }

    /** Consumed only by {@code quarkus-smallrye-health}, which registers the check when it is enabled. */
    @BuildStep
    HealthBuildItem registerStoreHealthCheck(SessionBuildTimeConfig config) {
        return new HealthBuildItem(STORE_HEALTH_CHECK, config.health().enabled());
    }
}
