package io.quarkiverse.session.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkiverse.session.Sessions;
import io.vertx.ext.web.Router;

/**
 * A plain Vert.x route sees the same session as Quarkus REST endpoints.
 */
@ApplicationScoped
public class VertxSessionRoutes {

    @Inject
    Sessions sessions;

    void register(@Observes Router router) {
        router.get("/vertx/visits").handler(request -> sessions.current(request).chain(session -> {
            Integer visits = session.get("visits", Integer.class);
            int next = visits == null ? 1 : visits + 1;
            session.put("visits", next);
            // Stored before the response leaves, whatever the store.
            return sessions.flush(request).replaceWith(next);
        }).subscribe().with(next -> request.response().end(Integer.toString(next)), request::fail));
    }
}
