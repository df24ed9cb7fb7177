package io.quarkiverse.session.runtime.http;

import io.quarkiverse.session.SessionIdSource;
import io.vertx.ext.web.RoutingContext;

/**
 * The read-only sources: a query parameter, a form field or a path parameter of the request. They never write: the
 * client learns the ID some other way, and keeps sending it in the URL or the form.
 * <p>
 * The form and path-parameter sources never read the request body or match routes themselves: they take what Quarkus
 * REST (or, on a plain Vert.x route, the router and a body handler) has already parsed for the matched endpoint, so an
 * endpoint that reads its form itself still gets it whole. What Quarkus REST parsed is asked only when the
 * application contains it ({@link RestRequestValues}).
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
        String restValue = QuarkusRestPresence.present() ? RestRequestValues.formField(request, parameter) : null;
        // Else filled only when a body handler (or Quarkus REST) has parsed a form body.
        return restValue != null ? restValue : request.request().getFormAttribute(parameter);
    }

    private String pathParam(RoutingContext request) {
        String routeParam = request.pathParam(parameter);
        if (routeParam != null || !QuarkusRestPresence.present()) {
            return routeParam;
        }
        return RestRequestValues.pathParam(request, parameter);
    }
}
