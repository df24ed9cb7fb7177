package io.quarkiverse.session.runtime.http;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.session.SessionIdSource;
import io.quarkus.arc.Arc;
import io.vertx.ext.web.RoutingContext;

/**
 * The read-only sources: a query parameter, a form field or a path parameter of the request. They never write: the
 * client learns the ID some other way, and keeps sending it in the URL or the form.
 * <p>
 * The form and path-parameter sources never read the request body or match routes themselves: they take what Quarkus
 * REST (or, on a plain Vert.x route, the router and a body handler) has already parsed for the matched endpoint, so an
 * endpoint that reads its form itself still gets it whole.
 */
final class RequestValueIdSource implements SessionIdSource {

    enum Kind {
        QUERY("query"),
        FORM("form"),
        PARAM("param");

        final String name;

        Kind(String name) {
            this.name = name;
        }
    }

    private final Kind kind;
    private final String parameter;

    RequestValueIdSource(Kind kind, String parameter) {
        this.kind = kind;
        this.parameter = parameter;
    }

    @Override
    public String name() {
        return kind.name;
    }

    @Override
    public String read(RoutingContext request) {
        return switch (kind) {
            case QUERY -> request.queryParams().get(parameter);
            case FORM -> form(request);
            case PARAM -> pathParam(request);
        };
    }

    private String form(RoutingContext request) {
        ResteasyReactiveRequestContext rest = restContextOf(request);
        if (rest != null && rest.getFormParameter(parameter, true, false) instanceof String value) {
            return value;
        }
        // Filled only when a body handler (or Quarkus REST) has parsed a form body.
        return request.request().getFormAttribute(parameter);
    }

    private String pathParam(RoutingContext request) {
        String routeParam = request.pathParam(parameter);
        if (routeParam != null) {
            return routeParam;
        }
        ResteasyReactiveRequestContext rest = restContextOf(request);
        return rest == null ? null : rest.getPathParameter(parameter, false);
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
