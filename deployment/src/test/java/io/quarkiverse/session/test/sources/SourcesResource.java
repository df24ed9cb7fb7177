package io.quarkiverse.session.test.sources;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.Router;

/**
 * One session value, "v", written and read through every kind of endpoint an ID source must work with: plain ones,
 * endpoints that read their form themselves, one with the ID in its path, and a plain Vert.x route with a path
 * parameter. Writes answer the session ID, as an application with read-only sources hands it to its clients.
 */
@Path("/sources")
public class SourcesResource {

    @Inject
    Session session;

    @POST
    @Path("/put/{value}")
    public String put(@PathParam("value") String value) {
        session.put("v", value);
        return session.id();
    }

    @GET
    @Path("/get")
    public String get() {
        return String.valueOf(session.get("v", String.class));
    }

    @POST
    @Path("/destroy")
    public String destroy() {
        session.destroy();
        return "destroyed";
    }

    /** Reads its own form fields, the session ID among them, next to the session's value. */
    @POST
    @Path("/form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String form(@RestForm String note, @RestForm String sid) {
        return note + "|" + (sid == null ? "no sid" : "sid") + "|" + session.get("v", String.class);
    }

    /** Reads the form body whole, as a string: the form source must leave it untouched. */
    @POST
    @Path("/raw-form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String rawForm(String body) {
        return body + "|" + session.get("v", String.class);
    }

    @GET
    @Path("/carts/{sid}")
    public String cart(@PathParam("sid") String sid) {
        return String.valueOf(session.get("v", String.class));
    }

    /** On the event loop: the session is loaded before the endpoint, after the route matched. */
    @GET
    @Path("/event-loop/carts/{sid}")
    @NonBlocking
    public String cartOnEventLoop(@PathParam("sid") String sid) {
        return String.valueOf(session.get("v", String.class));
    }

    @POST
    @Path("/event-loop/form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @NonBlocking
    public String formOnEventLoop(@RestForm String note) {
        return note + "|" + session.get("v", String.class);
    }

    @GET
    @Path("/event-loop/get")
    @NonBlocking
    public String getOnEventLoop() {
        return String.valueOf(session.get("v", String.class));
    }

    @ApplicationScoped
    public static class Routes {

        @Inject
        Sessions sessions;

        void register(@Observes Router router) {
            router.get("/vertx/carts/:sid").handler(sessions.loader()).handler(request -> request.response()
                    .end(String.valueOf(sessions.of(request).get("v", String.class))));
        }
    }
}
