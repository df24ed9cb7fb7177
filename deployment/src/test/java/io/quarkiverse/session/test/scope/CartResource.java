package io.quarkiverse.session.test.scope;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.quarkiverse.session.Session;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

@Path("/cart")
public class CartResource {

    @Inject
    Cart cart;

    @Inject
    Session session;

    @Inject
    CartLifecycle lifecycle;

    @GET
    @Path("/ping")
    public String ping() {
        return "pong";
    }

    /** Starts a session without using the cart. */
    @POST
    @Path("/start")
    public String start() {
        session.put("started", true);
        return "started";
    }

    @GET
    @Path("/instance")
    public String instance() {
        return cart.instance();
    }

    @POST
    @Path("/add")
    public int add() {
        return cart.add();
    }

    @GET
    @Path("/items")
    public int items() {
        return cart.items();
    }

    /** Regenerates the session, then names the cart: the same instance before and after, in one request. */
    @POST
    @Path("/regenerate")
    public String regenerate() {
        String before = cart.instance();
        session.regenerate();
        String after = cart.instance();
        return before.equals(after) ? after : "changed in the request: " + before + " -> " + after;
    }

    @POST
    @Path("/reset")
    public String reset() {
        session.reset();
        return "reset";
    }

    @POST
    @Path("/destroy")
    public String destroy() {
        session.destroy();
        return "destroyed";
    }

    /**
     * Names the cart seen where ArC's own session context is active, as WebSockets Next activates it around its
     * callbacks: that context's instance, not the HTTP session's.
     */
    @GET
    @Path("/in-arc-session-context")
    public String inArcSessionContext() {
        ManagedContext arcSessionContext = Arc.container().sessionContext();
        arcSessionContext.activate();
        try {
            return cart.instance();
        } finally {
            arcSessionContext.terminate();
        }
    }

    @GET
    @Path("/created")
    public String created() {
        return String.join(",", lifecycle.created());
    }

    @GET
    @Path("/destroyed")
    public String destroyed() {
        return String.join(",", lifecycle.destroyed());
    }
}
