package io.quarkiverse.session.it.shop;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.session.Session;

/**
 * Login regenerates the session ID and keeps the cart; logout resets the session; the profile is protected.
 */
@Path("/account")
public class AccountResource {

    private static final Map<String, String> PASSWORDS = Map.of("alice", "wonderland", "bob", "builder");

    @Inject
    Session session;

    @POST
    @Path("/login")
    public Response login(@FormParam("username") String username, @FormParam("password") String password) {
        if (username == null || !PASSWORDS.getOrDefault(username, "").equals(password)) {
            return Response.status(Response.Status.UNAUTHORIZED).entity("Invalid credentials").build();
        }
        // A new ID at login, so an ID planted before login (session fixation) is worthless afterwards.
        session.regenerate();
        session.put("user", new UserProfile(username, Character.toUpperCase(username.charAt(0)) + username.substring(1),
                List.of("customer")));
        return Response.ok("Welcome " + username).build();
    }

    @GET
    @Path("/profile")
    public Response profile() {
        return session.find("user", UserProfile.class)
                .map(user -> Response.ok(user).build())
                .orElseGet(() -> Response.status(Response.Status.UNAUTHORIZED).entity("Please log in").build());
    }

    @POST
    @Path("/logout")
    public String logout() {
        session.reset();
        return "Bye";
    }

    @POST
    @Path("/remember-me")
    public String rememberMe() {
        session.setIdleTimeout(java.time.Duration.ofDays(14));
        return "Remembered";
    }
}
