package io.quarkiverse.session.runtime.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.quarkiverse.session.runtime.metrics.PrometheusMeters;
import io.quarkiverse.session.runtime.metrics.SessionMetrics;
import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The store work of one request of a returning visitor to the demo app's counter ({@code /bench/counter-nb}) on the
 * memory store: the load of its session and the update of its counter, through the extension's {@link StoreCalls}, with
 * the meters on (a Prometheus registry, as in the demo app) and off. What the meters add to a request is the difference
 * between the two; what the report compares it with is the CPU time a whole request takes (meters-cost.sh).
 * <p>
 * With the meters on, {@link StoreCalls} reads the clock around each call and records a timer, and the lifecycle then
 * records the bytes written: the benchmark records them as {@code SessionLifecycle.update} does. Events are not observed,
 * as in the demo app's benchmark endpoints.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class MetersCostBenchmark {

    @Param({ "off", "on" })
    String meters;

    private StoreCalls calls;
    private SessionMetrics metrics;
    private SessionKey key;
    private SessionUpdate update;
    private long updateBytes;

    @Setup
    public void setUp() {
        MemorySessionStore store = new MemorySessionStore(10_000);
        metrics = meters.equals("on") ? PrometheusMeters.of("memory", store) : SessionMetrics.NONE;
        calls = new StoreCalls(store, Duration.ofSeconds(5), metrics);
        key = SessionKey.ofSessionId("a-returning-visitor-of-the-counter-endpoint");
        Instant now = Instant.now();
        store.createNow(key, new SessionRecord(now, now, null, now.plus(Duration.ofMinutes(30)),
                Map.of("counter", "1".getBytes(StandardCharsets.UTF_8))));
        // A counter of the same length each time: the memory store's common in-place write.
        byte[] counter = "2".getBytes(StandardCharsets.UTF_8);
        update = new SessionUpdate(now, null, now.plus(Duration.ofMinutes(30)), Map.of("counter", counter), Set.of());
        updateBytes = counter.length;
    }

    @Benchmark
    public boolean loadAndUpdate() {
        SessionRecord loaded = calls.load(key).join();
        boolean updated = calls.update(key, update).join();
        if (metrics != SessionMetrics.NONE) {
            metrics.saved(updateBytes);
        }
        return loaded != null && updated;
    }
}
