package io.quarkiverse.session.it.login;

import java.util.List;
import java.util.TreeSet;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A shop whose login lives in the session: who is logged in, an administrators' page, a cart kept across the login, the
 * user's devices and "log out everywhere".
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
        return identity.getPrincipal().getName() + " " + new TreeSet<>(identity.getRoles());
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin of " + identity.getPrincipal().getName();
    }

    @POST
    @Path("cart/{item}")
    @PermitAll
    public String addToCart(@PathParam("item") String item) {
        session.put("cart", List.of(item));
        return item;
    }

    @GET
    @Path("cart")
    @PermitAll
    public String cart() {
        return session.find("cart", List.class).map(Object::toString).orElse("empty");
    }

    /** How many sessions the logged-in user has, through the store's principal index. */
    @GET
    @Path("devices")
    @Authenticated
    public Uni<Integer> devices() {
        return sessions.findByPrincipal(identity.getPrincipal().getName()).map(List<DetachedSession>::size);
    }

    @POST
    @Path("logout-everywhere")
    @Authenticated
    public Uni<Integer> logOutEverywhere() {
        return sessions.deleteByPrincipal(identity.getPrincipal().getName());
    }
}
