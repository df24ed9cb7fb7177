package io.quarkiverse.session.it.shop;

/**
 * A line of the anonymous cart, stored in the session as part of a {@code List<CartItem>}.
 */
public record CartItem(String sku, int quantity) {
}
