package io.quarkiverse.session.test.websockets;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.session.Session;

/** The HTTP side of the chat: log in by name, see the name, log out. */
@Path("/user")
public class LoginResource {

    @Inject
    Session session;

    @POST
    @Path("/login/{name}")
    public String login(@PathParam("name") String name) {
        session.put("name", name);
        return name;
    }

    @GET
    @Path("/name")
    public String name() {
        return String.valueOf(session.get("name", String.class));
    }

    @POST
    @Path("/logout")
    public String logout() {
        session.destroy();
        return "bye";
    }
}
