package io.quarkiverse.session.it.norest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkiverse.session.Sessions;
import io.vertx.ext.web.Router;

/**
 * Plain Vert.x routes that log a user in by name, read the name back and log out, in an application without Quarkus
 * REST.
 */
@ApplicationScoped
public class NameRoutes {

    @Inject
    Sessions sessions;

    void register(@Observes Router router) {
        router.post("/login/:name").handler(request -> {
            sessions.of(request).put("name", request.pathParam("name"));
            request.response().end("welcome");
        });
        router.get("/name").handler(sessions.loader()).handler(
                request -> request.response().end(String.valueOf(sessions.of(request).get("name", String.class))));
        router.get("/by-id/:sid/name").handler(sessions.loader()).handler(
                request -> request.response().end(String.valueOf(sessions.of(request).get("name", String.class))));
        router.post("/logout").handler(request -> {
            sessions.of(request).destroy();
            request.response().end("bye");
        });
    }
}
