package io.quarkiverse.session.runtime.scope;

import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The run-time wiring of {@code @SessionScoped} beans, for applications that declare some: the route filter, the check
 * of the store against where the beans live, and the sweep of the beans of expired sessions.
 */
@Recorder
public class SessionScopeRecorder {

    private static final Logger LOG = Logger.getLogger(SessionScopeRecorder.class);
    /**
     * The stores whose sessions only this instance serves: the heap, and a directory on this machine's disk (a directory
     * that several machines share is the application's choice, and then the warning is the user's to heed).
     */
    private static final Set<String> LOCAL_STORES = Set.of("memory", "filesystem");

    private final RuntimeValue<SessionConfig> config;

    public SessionScopeRecorder(RuntimeValue<SessionConfig> config) {
        this.config = config;
    }

    public Handler<RoutingContext> requestBinder() {
        return new RequestBinder();
    }

    /**
     * Warns, unless acknowledged, when the sessions live where other instances of the application can serve them while
     * the beans live in this instance's memory.
     */
    public void checkStore() {
        String store = Arc.container().instance(SessionLifecycle.class).get().storeName();
        if (LOCAL_STORES.contains(store) || config.getValue().scopedBeans().instanceLocal()) {
            return;
        }
        LOG.warnf("The application has @SessionScoped beans, and its sessions are kept by the %s store, which other "
                + "instances of the application can share; the beans live in the memory of this instance only, so a "
                + "request that another instance serves sees new beans, and a restart loses them. If the application "
                + "runs as one instance, or behind a load balancer with sticky sessions, set "
                + "quarkus.session.scoped-beans.instance-local=true; otherwise keep shared state in the session's values "
                + "(Session.put) rather than in @SessionScoped beans.", store);
    }

    /**
     * Destroys the beans of sessions that expired without a request seeing it (a store such as Redis expires them
     * silently), periodically on a worker thread; and all of them when the application stops.
     */
    public void startSweeper(Supplier<Vertx> vertxSupplier, ShutdownContext shutdown) {
        Vertx vertx = vertxSupplier.get();
        ScopedSessions sessions = SessionScopeContexts.current().sessions();
        sessions.useWorker(task -> vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, false));
        long intervalMillis = Math.max(1, config.getValue().sweepInterval().toMillis());
        long timer = vertx.setPeriodic(intervalMillis, intervalMillis,
                ignored -> vertx.executeBlocking(() -> sessions.sweep(Instant.now()), false)
                        .onFailure(failure -> LOG.warnf("Failed to destroy the @SessionScoped beans of expired sessions "
                                + "(%s)", failure.getClass().getName())));
        shutdown.addShutdownTask(() -> {
            vertx.cancelTimer(timer);
            sessions.destroyAll();
        });
    }
}
