package io.quarkiverse.session.runtime.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * The readiness of the session store: UP while it answers its ping within the store timeout, DOWN otherwise, checked
 * anew at every probe, so that it turns UP by itself when the store is back. Registered only when the application
 * contains {@code quarkus-smallrye-health}.
 */
@Readiness
@Singleton
public class SessionStoreHealthCheck implements AsyncHealthCheck {

    static final String NAME = "Quarkus Session store";

    private final SessionLifecycle lifecycle;

    SessionStoreHealthCheck(SessionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return lifecycle.pingStore()
                .map(ignored -> HealthCheckResponse.named(NAME).up().withData("store", lifecycle.storeName()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("store", lifecycle.storeName())
                        // The type and the message: a store's ping carries no session key, only where it failed.
                        .withData("error", failure.getClass().getName()
                                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()))
                        .build());
    }
}
