package io.quarkiverse.session.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkiverse.session.Session;
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

        // The same counter used synchronously, as with Vert.x Web's SessionHandler: the loader loads the session
        // without blocking before the handler runs, whatever the store.
        router.get("/vertx/visits-sync").handler(sessions.loader()).handler(request -> {
            Session session = sessions.of(request);
            int next = session.find("visits", Integer.class).orElse(0) + 1;
            session.put("visits", next);
            sessions.flush(request).subscribe().with(saved -> request.response().end(Integer.toString(next)),
                    request::fail);
        });
    }
}
