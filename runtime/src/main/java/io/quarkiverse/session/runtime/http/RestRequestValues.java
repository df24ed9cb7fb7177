package io.quarkiverse.session.runtime.http;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkus.arc.Arc;
import io.vertx.ext.web.RoutingContext;

/**
 * The form fields and path parameters Quarkus REST has parsed for the endpoint it matched. Quarkus REST only: called by
 * {@link RequestValueIdSource} only when {@link QuarkusRestPresence} says the application contains it.
 */
final class RestRequestValues {

    private RestRequestValues() {
    }

    /** The form field, if Quarkus REST is processing this request and has parsed its form; else {@code null}. */
    static String formField(RoutingContext request, String name) {
        ResteasyReactiveRequestContext rest = restContextOf(request);
        return rest != null && rest.getFormParameter(name, true, false) instanceof String value ? value : null;
    }

    /** The path parameter of the matched endpoint, if Quarkus REST is processing this request; else {@code null}. */
    static String pathParam(RoutingContext request, String name) {
        ResteasyReactiveRequestContext rest = restContextOf(request);
        return rest == null ? null : rest.getPathParameter(name, false);
    }

    /** The Quarkus REST request being processed, if it is this one: only then has it matched an endpoint. */
    private static ResteasyReactiveRequestContext restContextOf(RoutingContext request) {
        // Quarkus REST keeps its current request in the CDI request context, which a plain Vert.x route may not have.
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        ResteasyReactiveRequestContext current = CurrentRequestManager.get();
        return current != null && current.serverRequest().unwrap(RoutingContext.class) == request ? current : null;
    }
}
