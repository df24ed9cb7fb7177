package io.quarkiverse.session.it.shop;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.smallrye.mutiny.Uni;

/**
 * Checkout hands the order to a background job, which later edits the session by ID: the store pattern.
 */
@Path("/orders")
public class OrderResource {

    private static final Logger LOG = Logger.getLogger(OrderResource.class);

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    @POST
    public Response checkout() {
        List<CartItem> cart = session.find("cart", CartResource.CART).orElse(List.of());
        if (cart.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity("The cart is empty").build();
        }
        session.put("order", "processing");
        session.remove("cart");
        String sessionId = session.id();
        // The job runs after this request has ended, as a message consumer or a scheduled task would.
        Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))
                .chain(() -> ship(sessionId, cart.size()))
                .subscribe().with(shipped -> LOG.infof("Order shipped: %s", shipped),
                        failure -> LOG.error("Shipping failed", failure));
        return Response.accepted("processing").build();
    }

    @GET
    @Path("/status")
    public String status() {
        return session.find("order", String.class).orElse("none");
    }

    /**
     * Loads the session by ID, edits it and saves it explicitly; false if the user's session has ended meanwhile.
     */
    private Uni<Boolean> ship(String sessionId, int items) {
        return sessions.findById(sessionId).chain(found -> found.map(detached -> {
            detached.put("order", "shipped");
            detached.put("shippedItems", items);
            return sessions.save(detached);
        }).orElse(Uni.createFrom().item(false)));
    }
}
