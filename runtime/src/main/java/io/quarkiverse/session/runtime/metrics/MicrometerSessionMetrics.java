package io.quarkiverse.session.runtime.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.session.spi.SessionStore;

/**
 * The session meters of one store, all registered up front, so that reporting an event is one increment and never a
 * lookup in the registry. Every meter is tagged with the store's name; the meter table is in
 * {@code docs/modules/ROOT/pages/metrics.adoc}.
 */
final class MicrometerSessionMetrics implements SessionMetrics {

    private final Counter created;
    private final Counter destroyed;
    private final Counter expired;
    private final Counter regenerated;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final Map<StoreOperation, Timer> storeCalls = new EnumMap<>(StoreOperation.class);
    private final Map<StoreOperation, Counter> storeErrors = new EnumMap<>(StoreOperation.class);
    private final DistributionSummary savedBytes;

    MicrometerSessionMetrics(MeterRegistry registry, String storeName, SessionStore store) {
        Tags tags = Tags.of("store", storeName);
        created = counter(registry, "quarkus.session.created", "Sessions stored for the first time", tags);
        destroyed = counter(registry, "quarkus.session.destroyed",
                "Sessions the application ended: destroyed, reset, deleted by ID or by deleteAll", tags);
        expired = counter(registry, "quarkus.session.expired", "Expired sessions the extension deleted", tags);
        regenerated = counter(registry, "quarkus.session.regenerated", "Sessions moved to a new ID", tags);
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, counter(registry, "quarkus.session.rejected",
                    "Session IDs sent by clients and not accepted", tags.and("reason", reason.tag)));
        }
        for (StoreOperation operation : StoreOperation.values()) {
            Tags operationTags = tags.and("operation", operation.tag);
            storeCalls.put(operation, switch (operation) {
                case LOAD -> Timer.builder("quarkus.session.store.load").description("Loads of sessions from the store")
                        .tags(tags).register(registry);
                case FIND_BY_PRINCIPAL -> Timer.builder("quarkus.session.store.find")
                        .description("Lookups of the sessions of a principal in the store").tags(tags).register(registry);
                default -> Timer.builder("quarkus.session.store.save").description("Writes of sessions to the store")
                        .tags(operationTags).register(registry);
            });
            storeErrors.put(operation, counter(registry, "quarkus.session.store.errors",
                    "Store calls that failed or timed out", operationTags));
        }
        savedBytes = DistributionSummary.builder("quarkus.session.store.save.size")
                .description("Bytes of session values written by a save").baseUnit("bytes").tags(tags)
                .register(registry);
        if (store instanceof CountsSessions counting) {
            Gauge.builder("quarkus.session.active", counting, CountsSessions::sessionCount)
                    .description("Sessions the store holds, expired ones not yet deleted included").tags(tags)
                    .strongReference(true).register(registry);
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    @Override
    public boolean timesStoreCalls() {
        return true;
    }

    @Override
    public void created() {
        created.increment();
    }

    @Override
    public void destroyed() {
        destroyed.increment();
    }

    @Override
    public void destroyed(int count) {
        if (count > 0) {
            destroyed.increment(count);
        }
    }

    @Override
    public void expired(int count) {
        if (count > 0) {
            expired.increment(count);
        }
    }

    @Override
    public void regenerated() {
        regenerated.increment();
    }

    @Override
    public void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void storeCall(StoreOperation operation, long nanos) {
        storeCalls.get(operation).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void storeError(StoreOperation operation) {
        storeErrors.get(operation).increment();
    }

    @Override
    public void saved(long bytes) {
        savedBytes.record(bytes);
    }
}
