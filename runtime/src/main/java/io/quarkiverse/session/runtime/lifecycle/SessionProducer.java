package io.quarkiverse.session.runtime.lifecycle;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkiverse.session.Session;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

@Singleton
public class SessionProducer {

    private final CurrentVertxRequest currentRequest;

    SessionProducer(CurrentVertxRequest currentRequest) {
        this.currentRequest = currentRequest;
    }

    @Produces
    @RequestScoped
    Session session() {
        RoutingContext request = currentRequest.getCurrent();
        if (request == null) {
            throw new IllegalStateException("Session is only available while an HTTP request is handled; to read or "
                    + "change a session from background work, use Sessions.findById");
        }
        return RequestSession.of(request);
    }
}
