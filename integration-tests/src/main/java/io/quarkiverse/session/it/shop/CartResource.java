package io.quarkiverse.session.it.shop;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;

import io.quarkiverse.session.Session;

@Path("/cart")
public class CartResource {

    static final TypeLiteral<List<CartItem>> CART = new TypeLiteral<>() {
    };

    @Inject
    Session session;

    @GET
    public List<CartItem> items() {
        return session.find("cart", CART).orElse(List.of());
    }

    @POST
    public List<CartItem> add(CartItem item) {
        if (item == null || item.sku() == null || item.quantity() < 1) {
            throw new WebApplicationException("An item needs a sku and a positive quantity", 400);
        }
        List<CartItem> cart = new ArrayList<>(items());
        cart.add(item);
        session.put("cart", cart);
        return cart;
    }

    @DELETE
    public void empty() {
        session.remove("cart");
    }
}
