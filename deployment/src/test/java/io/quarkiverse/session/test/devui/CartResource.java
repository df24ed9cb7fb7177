package io.quarkiverse.session.test.devui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.session.Session;
import io.quarkus.arc.Unremovable;

/**
 * A shop's session: a cart of items and, once logged in, a user (a value, or a principal the session is bound to); a test may
 * shorten its idle timeout to see it expire.
 * The Dev UI tests create sessions through it.
 */
@Path("/cart")
@Unremovable
public class CartResource {

    @Inject
    Session session;

    @GET
    @Path("/add/{item}")
    @SuppressWarnings("unchecked")
    public String add(@PathParam("item") String item, @QueryParam("user") String user,
            @QueryParam("idleSeconds") Integer idleSeconds, @QueryParam("login") String login) {
        List<String> cart = new ArrayList<>(session.find("cart", List.class).orElse(List.of()));
        cart.add(item);
        session.put("cart", cart);
        if (user != null) {
            session.put("user", user);
        }
        if (login != null) {
            session.bindPrincipal(login);
        }
        if (idleSeconds != null) {
            session.setIdleTimeout(Duration.ofSeconds(idleSeconds));
        }
        return "items " + cart.size();
    }
}
