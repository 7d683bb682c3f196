package dev.streamcart.serving.cart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.orders.PlaceOrder;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * The cart use cases of one user: read, add (or increase), change quantity, remove, save for later,
 * move back, and confirm changed prices. Each runs in its own transaction under the cart's row lock;
 * a refused change (unknown product, other currency, too many units) changes nothing.
 */
public final class ShoppingCart {

    /** What was added, for the clickstream. */
    public record Added(Cart cart, long productId, long categoryId) {}

    private final Transactions transactions;
    private final CartRepository carts = new CartRepository();

    public ShoppingCart(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public Cart get(long userId) {
        return transactions.inTransaction(connection -> {
            carts.deleteIfExpired(connection, userId);
            return carts.find(connection, userId).orElseGet(() -> Cart.empty(userId));
        });
    }

    /**
     * Adds {@code quantity} units, or increases the line; the line takes the product's current price
     * (adding again is how a buyer confirms a changed price) and moves back from saved-for-later.
     */
    public Added add(long userId, long productId, int quantity) {
        return add(userId, productId, quantity, null);
    }

    /**
     * As {@link #add(long, long, int)}, remembering the A/B variant of the recommendation the add
     * came from (a later add without one keeps it: the first recommendation gets the credit).
     */
    public Added add(long userId, long productId, int quantity, @Nullable String recommendationVariant) {
        return transactions.inTransaction(connection -> {
            Product product = product(connection, productId);
            long cartId = carts.lockOrCreate(connection, userId);
            List<CartLine> lines = carts.lines(connection, cartId);
            Optional<String> cartCurrency = lines.stream().map(CartLine::currency).findFirst();
            if (cartCurrency.isPresent() && !cartCurrency.get().equals(product.currency())) {
                throw new DomainException(ProblemKind.CURRENCY_MISMATCH, "product " + productId + " is priced in "
                        + product.currency() + " but this cart holds " + cartCurrency.get() + " items; a cart (and "
                        + "an order) is paid in one currency: check out or empty the cart first",
                        Map.of("cartCurrency", cartCurrency.get(), "productCurrency", product.currency()));
            }
            int already = lines.stream().filter(line -> line.productId() == productId).mapToInt(CartLine::quantity)
                    .findFirst().orElse(0);
            int total = already + quantity;
            if (total > PlaceOrder.MAX_QUANTITY) {
                throw DomainException.unprocessable("at most " + PlaceOrder.MAX_QUANTITY + " units of product "
                        + productId + " in a cart; it holds " + already);
            }
            carts.upsert(connection, cartId, productId, total, product.price(), product.currency(), recommendationVariant);
            carts.touch(connection, cartId);
            return new Added(carts.find(connection, userId).orElseThrow(), productId, product.categoryId());
        });
    }

    public Cart setQuantity(long userId, long productId, int quantity) {
        return change(userId, productId, "UPDATE cart_items SET quantity = ?, updated_at = now() "
                + "WHERE cart_id = ? AND product_id = ?", "in the cart", quantity);
    }

    public Cart remove(long userId, long productId) {
        return change(userId, productId, "DELETE FROM cart_items WHERE cart_id = ? AND product_id = ?", "in the cart");
    }

    public Cart saveForLater(long userId, long productId) {
        return change(userId, productId, "UPDATE cart_items SET saved_for_later = TRUE, updated_at = now() "
                + "WHERE cart_id = ? AND product_id = ? AND NOT saved_for_later", "in the cart (not saved for later)");
    }

    public Cart moveToCart(long userId, long productId) {
        return change(userId, productId, "UPDATE cart_items SET saved_for_later = FALSE, updated_at = now() "
                + "WHERE cart_id = ? AND product_id = ? AND saved_for_later", "saved for later");
    }

    /** Takes the current price of every line: the buyer has seen and accepts them. */
    public Cart refreshPrices(long userId) {
        return transactions.inTransaction(connection -> {
            long cartId = carts.lockOrCreate(connection, userId);
            carts.refreshPrices(connection, cartId);
            carts.touch(connection, cartId);
            return carts.find(connection, userId).orElseThrow();
        });
    }

    private Cart change(long userId, long productId, String sql, String where, Object... extras) {
        return transactions.inTransaction(connection -> {
            long cartId = carts.lockOrCreate(connection, userId);
            if (carts.changeLine(connection, sql, cartId, productId, extras) == 0) {
                throw new DomainException(ProblemKind.NOT_FOUND, "product " + productId + " is not " + where);
            }
            carts.touch(connection, cartId);
            return carts.find(connection, userId).orElseThrow();
        });
    }

    private record Product(long id, long categoryId, BigDecimal price, String currency) {}

    private static Product product(Connection connection, long productId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT category_id, price, currency, is_active FROM products WHERE id = ?")) {
            select.setLong(1, productId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.notFound("product", productId);
                }
                if (!row.getBoolean(4)) {
                    throw DomainException.unprocessable("product " + productId + " is no longer for sale");
                }
                return new Product(productId, row.getLong(1), row.getBigDecimal(2), row.getString(3).trim());
            }
        }
    }
}
