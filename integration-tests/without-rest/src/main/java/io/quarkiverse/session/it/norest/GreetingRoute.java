package io.quarkiverse.session.it.norest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.session.Session;
import io.quarkus.vertx.web.Route;

/**
 * A reactive route that injects {@link Session}: reactive routes run in a CDI request context, as Quarkus REST endpoints
 * do, without being Quarkus REST.
 */
@ApplicationScoped
public class GreetingRoute {

    @Inject
    Session session;

    @Route(path = "/greeting", methods = Route.HttpMethod.GET)
    String greeting() {
        String name = session.get("name", String.class);
        return name == null ? "Hello, stranger" : "Hello, " + name;
    }
}
