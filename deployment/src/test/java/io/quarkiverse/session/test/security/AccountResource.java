package io.quarkiverse.session.test.security;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The endpoints of the login tests: who is logged in and with which roles, a cart kept across the login, and what an
 * administrator or another device does to sessions.
 */
@Path("/")
public class AccountResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    @GET
    @Path("me")
    @Authenticated
    public String me() {
        return identity.getPrincipal().getName();
    }

    /** The identity's attributes that are plain values, sorted, for the test of kept attributes. */
    @GET
    @Path("me/attributes")
    @Authenticated
    public String attributes() {
        Map<String, Object> plain = new TreeMap<>();
        identity.getAttributes().forEach((name, value) -> {
            if (!name.contains(".")) {
                plain.put(name, value);
            }
        });
        return plain.toString();
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin of " + identity.getPrincipal().getName();
    }

    /** Guarded only by the HTTP permission of the test's configuration. */
    @GET
    @Path("admin-area/report")
    public String report() {
        return "report for " + identity.getPrincipal().getName();
    }

    @POST
    @Path("cart/{item}")
    @PermitAll
    public String addToCart(@PathParam("item") String item) {
        session.put("cart", item);
        return item;
    }

    @GET
    @Path("cart")
    @PermitAll
    public String cart() {
        String item = session.get("cart", String.class);
        return item == null ? "empty" : item;
    }

    /** Shortens the idle timeout of the caller's session, for the expiry test. */
    @POST
    @Path("me/idle-timeout/{millis}")
    @Authenticated
    public String shortenIdleTimeout(@PathParam("millis") long millis) {
        session.setIdleTimeout(Duration.ofMillis(millis));
        return "ok";
    }

    /** Unbinds the session from its principal, as an application that ends the login but keeps the session does. */
    @POST
    @Path("me/unbind")
    @Authenticated
    public String unbind() {
        session.unbindPrincipal();
        return "ok";
    }

    /** Binds the session to another principal without a login: its identity is then no one's. */
    @POST
    @Path("me/rebind/{name}")
    @Authenticated
    public String rebind(@PathParam("name") String name) {
        session.bindPrincipal(name);
        return "ok";
    }

    /** An administrator ending one session by its ID. */
    @POST
    @Path("sessions/delete")
    @PermitAll
    public Uni<Boolean> deleteById(@FormParam("id") String id) {
        return sessions.deleteById(id);
    }

    /** "Log out everywhere", as an administrator or the user's other device does it. */
    @POST
    @Path("sessions/delete-principal/{name}")
    @PermitAll
    public Uni<Integer> deleteByPrincipal(@PathParam("name") String name) {
        return sessions.deleteByPrincipal(name);
    }
}
