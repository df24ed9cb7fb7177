package io.quarkiverse.session.test.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.session.SessionLogin;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * An application's own login endpoints, through {@link SessionLogin}.
 */
@Path("/api")
public class LoginResource {

    @Inject
    SessionLogin login;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("login")
    public Uni<Response> login(@FormParam("user") String user, @FormParam("password") String password) {
        return login.login(user, password)
                .map(identity -> Response.ok(identity.getPrincipal().getName()).build())
                .onFailure(AuthenticationFailedException.class).recoverWithItem(Response.status(401).build());
    }

    /** A login the application checked itself, as after a one-time link. */
    @POST
    @Path("magic-link/{name}")
    public Uni<String> magicLink(@PathParam("name") String name) {
        SecurityIdentity checked = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name))
                .addRole("reader").build();
        return login.login(checked).replaceWith(name);
    }

    @POST
    @Path("logout")
    public Uni<String> logout() {
        return login.logout().replaceWith("bye");
    }

    @GET
    @Path("reader")
    @RolesAllowed("reader")
    public String reader() {
        return "reader " + identity.getPrincipal().getName();
    }

    @GET
    @Path("editor")
    @RolesAllowed("editor")
    public String editor() {
        return "editor " + identity.getPrincipal().getName();
    }
}
