package dev.streamcart.serving.cart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.serving.orders.Checkout;
import dev.streamcart.serving.orders.PlaceOrder;
import dev.streamcart.serving.orders.PlacedOrder;
import dev.streamcart.serving.pricing.PriceQuote;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * Quotes and checks out the lines of a user's cart (saved-for-later lines stay behind). Checkout
 * hands the remembered prices to {@link Checkout} as the prices the buyer agreed to, so a price that
 * changed since is a 409 {@code price-changed} and nothing happens; on success the bought lines
 * leave the cart in the same transaction as the order.
 */
public final class CartCheckout {

    private final CartRepository carts = new CartRepository();
    private final Checkout checkout;

    public CartCheckout(Checkout checkout) {
        this.checkout = Objects.requireNonNull(checkout, "checkout");
    }

    /** Totals before any order exists; without an address or region, the user's default shipping address. */
    public PriceQuote quote(Connection connection, long userId, PlaceOrder.Delivery delivery) throws SQLException {
        Cart cart = carts.find(connection, userId).orElseGet(() -> Cart.empty(userId));
        List<CartLine> items = requireItems(cart);
        PlaceOrder.Delivery destination = withDefaultAddress(connection, userId, delivery);
        if (!destination.known()) {
            throw DomainException.invalidInput("'shippingAddressId' or 'region' is required: the user has no default "
                    + "shipping address");
        }
        return checkout.quote(connection, userId, quantities(items), destination);
    }

    public PlacedOrder checkout(Connection connection, long userId, PlaceOrder.Delivery requested) throws SQLException {
        PlaceOrder.Delivery delivery = withDefaultAddress(connection, userId, requested);
        if (delivery.shippingAddressId() == null) {
            throw DomainException.invalidInput("'shippingAddressId' is required: the user has no default shipping "
                    + "address");
        }
        long cartId = carts.lockOrCreate(connection, userId);
        List<CartLine> items = requireItems(new Cart(userId, carts.lines(connection, cartId), null, null));
        Map<Long, BigDecimal> seen = new LinkedHashMap<>();
        items.forEach(line -> seen.put(line.productId(), line.unitPrice()));
        List<PlaceOrder.Line> lines = items.stream().map(line -> new PlaceOrder.Line(line.productId(), line.quantity()))
                .toList();
        PlaceOrder.Delivery withBilling = delivery.billingAddressId() != null ? delivery
                : new PlaceOrder.Delivery(delivery.shippingAddressId(), delivery.shippingAddressId(), delivery.region(),
                        delivery.carrier());
        PlacedOrder placed = checkout.place(connection, new PlaceOrder(userId, lines, withBilling, seen,
                carts.recommendationVariants(connection, cartId)));
        carts.removeBought(connection, cartId);
        carts.touch(connection, cartId);
        return placed;
    }

    private static List<CartLine> requireItems(Cart cart) {
        List<CartLine> items = cart.items();
        if (items.isEmpty()) {
            throw DomainException.unprocessable("the cart is empty: add items with POST /api/cart/items first");
        }
        return items;
    }

    private static Map<Long, Integer> quantities(List<CartLine> items) {
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        items.forEach(line -> quantities.put(line.productId(), line.quantity()));
        return quantities;
    }

    private static PlaceOrder.Delivery withDefaultAddress(Connection connection, long userId,
                                                          PlaceOrder.Delivery delivery) throws SQLException {
        if (delivery.known()) {
            return delivery;
        }
        @Nullable Long address = defaultShippingAddress(connection, userId);
        return new PlaceOrder.Delivery(address, delivery.billingAddressId(), null, delivery.carrier());
    }

    private static @Nullable Long defaultShippingAddress(Connection connection, long userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id FROM user_addresses WHERE user_id = ? AND address_type = 'shipping' AND is_default""")) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }
}
