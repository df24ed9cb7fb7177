package io.quarkiverse.session.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.config.SessionConfigValidator;
import io.quarkiverse.session.runtime.http.QuarkusRestPresence;
import io.quarkiverse.session.runtime.http.SessionFilter;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.runtime.lifecycle.SessionUsers;
import io.quarkiverse.session.runtime.store.StoreSelection;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The core's run-time wiring: configuration checks, the choice of store, the route filter and the expiry sweeper.
 */
@Recorder
public class SessionRecorder {

    private static final Logger LOG = Logger.getLogger(SessionRecorder.class);

    private final RuntimeValue<SessionConfig> config;

    public SessionRecorder(RuntimeValue<SessionConfig> config) {
        this.config = config;
    }

    /**
     * Checks the shared settings and the choice of store; each store checks its own settings when it is created. In
     * production, warns about a cookie that browsers would also send over plain HTTP.
     */
    public void validateConfig(Set<String> storeNames, String defaultStore) {
        SessionConfigValidator.validate(config.getValue());
        StoreSelection.remember(StoreSelection.select(config.getValue().store(), storeNames, defaultStore));
        if (!config.getValue().cookie().secure() && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("The session cookie is sent without the Secure attribute (quarkus.session.cookie.secure=false), so "
                    + "browsers also send it over plain HTTP, where anyone on the network can read it and take over the "
                    + "session. Set quarkus.session.cookie.secure=true and serve the application over HTTPS (or behind "
                    + "a proxy that does).");
        }
    }

    public Handler<RoutingContext> sessionFilter() {
        return new SessionFilter();
    }

    public void setRestPresent(boolean present) {
        QuarkusRestPresence.set(present);
    }

    public void leaveWebSocketHandshakes(boolean webSocketsPresent) {
        SessionFilter.leaveHandshakes(webSocketsPresent);
    }

    /**
     * Fails startup when WebSocket endpoints use the session but the selected store keeps it in the client's cookie,
     * which a WebSocket can neither read again nor write.
     */
    public void checkStoreForWebSockets(List<String> endpoints, BeanContainer container) {
        SessionLifecycle lifecycle = container.beanInstance(SessionLifecycle.class);
        if (!lifecycle.storesSessionsOnServer()) {
            throw new ConfigurationException("The WebSocket endpoints " + endpoints + " use Session, but the "
                    + lifecycle.storeName() + " store keeps the session in the client's cookie, which a WebSocket can "
                    + "neither read again nor write: choose a store that keeps sessions on the server with "
                    + "quarkus.session.store (memory, filesystem, or a store extension's), or remove Session from "
                    + "these endpoints", Set.of("quarkus.session.store"));
        }
    }

    public void setSessionUsers(Set<String> beanClasses) {
        SessionUsers.set(beanClasses);
    }

    /**
     * The store chosen by {@code quarkus.session.store} among those the application contains.
     */
    public Supplier<SessionStore> selectedStore(Map<String, Supplier<SessionStore>> stores, String defaultStore) {
        return () -> stores.get(StoreSelection.select(config.getValue().store(), stores.keySet(), defaultStore)).get();
    }

    /**
     * Creates the store at startup rather than on the first request, so that a store that cannot work with its
     * settings fails startup, naming the property, and the session meters exist before the first request.
     */
    public void openStore(BeanContainer container) {
        // The lifecycle creates the store, and registers the session meters with it.
        container.beanInstance(SessionLifecycle.class);
    }

    /**
     * Deletes expired sessions periodically, on a worker thread: sweeping the memory store scans every session.
     */
    public void startExpirySweeper(Supplier<Vertx> vertxSupplier, ShutdownContext shutdown) {
        Vertx vertx = vertxSupplier.get();
        long intervalMillis = config.getValue().sweepInterval().toMillis();
        long timer = vertx.setPeriodic(intervalMillis, intervalMillis, ignored -> vertx.executeBlocking(() -> {
            SessionLifecycle lifecycle = Arc.container().instance(SessionLifecycle.class).get();
            return lifecycle.sweepExpired(Instant.now()).await().atMost(Duration.ofMillis(intervalMillis));
        }, false).onFailure(failure -> {
            // The type only at WARN: a store's message may carry a path or a full key hash; the trace is for debugging.
            LOG.warnf("Failed to delete expired sessions (%s)", failure.getClass().getName());
            LOG.debug("Expiry sweep failure", RedactedFailure.of(failure));
        }));
        shutdown.addShutdownTask(() -> vertx.cancelTimer(timer));
    }
}
