package io.quarkiverse.session.it.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.session.Session;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Session endpoints driven by integration-tests/bench/run-benchmark.sh (wrk); their baselines are in
 * {@link NoSessionBenchResource}. Bodies are plain text: the new counter value.
 * String-returning methods run on a worker thread by default; the -nb variants on the event loop.
 */
@Path("/bench")
@Produces(MediaType.TEXT_PLAIN)
public class BenchResource {

    @Inject
    Session session;

    @GET
    @Path("counter")
    public String counter() {
        return increment();
    }

    @GET
    @Path("counter-nb")
    @NonBlocking
    public String counterNb() {
        return increment();
    }

    private String increment() {
        Integer c = session.get("counter", Integer.class);
        c = c == null ? 1 : c + 1;
        session.put("counter", c);
        return String.valueOf(c);
    }

    /**
     * Fallback heap probe, only used by run-benchmark.sh when jcmd is not available (it prefers
     * {@code jcmd <pid> GC.class_histogram}, which forces a full GC and counts live objects exactly).
     * Format expected by the script: {"heapUsedBytes": <long>, ...}; other fields are informative.
     */
    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public String stats() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        // "sessions": replace -1 with the store's live session count if the extension exposes one
        return "{\"heapUsedBytes\":" + heap.getUsed()
                + ",\"heapCommittedBytes\":" + heap.getCommitted()
                + ",\"sessions\":-1}";
    }
}
