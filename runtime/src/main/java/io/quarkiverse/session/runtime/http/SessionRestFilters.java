package io.quarkiverse.session.runtime.http;

import java.util.concurrent.CompletableFuture;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.lifecycle.SessionUsers;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus REST side of the lifecycle: loads the session before event-loop endpoints that use it, and saves it before
 * the response is written, so the client's next request sees the change. Registered only when the application contains
 * Quarkus REST; without it, nothing loads this class.
 */
public class SessionRestFilters {

    /**
     * Worker-thread endpoints load lazily, on first use, and pay nothing when they don't use the session; event-loop
     * endpoints of beans that use the session cannot wait, so their session is loaded here, without blocking.
     */
    @ServerRequestFilter
    public Uni<Void> loadBeforeEventLoopEndpoint(SimpleResourceInfo resource, RoutingContext request) {
        if (BlockingOperationControl.isBlockingAllowed() || !SessionUsers.uses(resource.getResourceClass())) {
            return null;
        }
        RequestSession session = RequestSession.of(request);
        // A store that answers at once is asked on first use, on any thread, so an endpoint that does not touch the
        // session this time costs nothing.
        return session.loadsWithoutWaiting() ? null : unlessDone(session.resolveAsync());
    }

    // Response filters run in descending priority order: the lowest priority saves after every application filter.
    @ServerResponseFilter(priority = 1)
    public Uni<Void> saveBeforeResponse(RoutingContext request) {
        RequestSession session = RequestSession.ifUsed(request);
        return session == null ? null : unlessDone(session.flush());
    }

    /**
     * Quarkus REST suspends and resumes a request for every {@code Uni} a filter returns, while a {@code null} lets it go
     * on directly: an operation that already succeeded is not wrapped.
     */
    private static Uni<Void> unlessDone(CompletableFuture<Void> operation) {
        return operation.isDone() && !operation.isCompletedExceptionally() ? null
                : Uni.createFrom().completionStage(operation);
    }
}
