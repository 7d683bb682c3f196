package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.db.References;
import dev.streamcart.serving.inventory.Allocation;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.problems.DomainException;

/**
 * Places an order: prices the lines at the products' current prices, reserves the stock, and
 * writes the order, its items, the reservations and the ORDER_PLACED outbox event, all in the
 * caller's one transaction. Either all of it commits or none of it: an order never exists without
 * its stock, and stock is never held without an order.
 */
public final class Checkout {

    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OrderEvents events;

    public Checkout(OrderRepository orders, StockReservations reservations, OrderEvents events) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.events = Objects.requireNonNull(events, "events");
    }

    private record CatalogEntry(long productId, long sellerId, long categoryId, String name, String sku,
                                BigDecimal price, String currency, boolean active) {}

    public Order place(Connection connection, PlaceOrder request) throws SQLException {
        References.requireExists(connection, "users", "user", request.userId());
        Map<Long, CatalogEntry> catalog = loadProducts(connection, request.quantities().keySet());
        String currency = singleCurrency(catalog);

        // Stock first: a shortage aborts before anything is written.
        List<Allocation> allocations = reservations.reserve(connection, request.quantities());

        List<OrderRepository.NewItem> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (PlaceOrder.Line line : request.items()) {
            CatalogEntry product = catalog.get(line.productId());
            OrderItem item = new OrderItem(product.productId(), product.sellerId(), product.categoryId(),
                    line.quantity(), product.price());
            lines.add(new OrderRepository.NewItem(item, product.name(), product.sku()));
            subtotal = subtotal.add(item.lineTotal());
        }
        // Tax and shipping arrive with a later issue; until then the total is the subtotal.
        BigDecimal total = subtotal;
        long orderId = orders.insertOrder(connection, request.userId(), subtotal, total, currency);
        Map<Long, Long> itemIdByProduct = new HashMap<>();
        for (OrderRepository.NewItem line : lines) {
            itemIdByProduct.put(line.item().productId(), orders.insertItem(connection, orderId, line));
        }
        reservations.recordHolds(connection, orderId, itemIdByProduct, allocations);

        Order order = new Order(orderId, request.userId(), OrderStatus.PENDING_PAYMENT, total, currency,
                lines.stream().map(OrderRepository.NewItem::item).toList());
        events.append(connection, order, OrderEventType.ORDER_PLACED, null, null);
        return order;
    }

    private static Map<Long, CatalogEntry> loadProducts(Connection connection, Set<Long> productIds) throws SQLException {
        Map<Long, CatalogEntry> found = new LinkedHashMap<>();
        Array ids = connection.createArrayOf("bigint", productIds.toArray(Long[]::new));
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, seller_id, category_id, name, sku, price, currency, is_active
                FROM products WHERE id = ANY (?)""")) {
            select.setArray(1, ids);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.put(row.getLong(1), new CatalogEntry(row.getLong(1), row.getLong(2), row.getLong(3),
                            row.getString(4), row.getString(5), row.getBigDecimal(6), row.getString(7).trim(),
                            row.getBoolean(8)));
                }
            }
        } finally {
            ids.free();
        }
        Set<Long> missing = new TreeSet<>(productIds);
        missing.removeAll(found.keySet());
        if (!missing.isEmpty()) {
            throw DomainException.unprocessable("unknown products: " + missing);
        }
        Set<Long> inactive = new TreeSet<>();
        found.values().stream().filter(p -> !p.active()).forEach(p -> inactive.add(p.productId()));
        if (!inactive.isEmpty()) {
            throw DomainException.unprocessable("products no longer for sale: " + inactive);
        }
        return found;
    }

    private static String singleCurrency(Map<Long, CatalogEntry> catalog) {
        Set<String> currencies = new TreeSet<>();
        catalog.values().forEach(p -> currencies.add(p.currency()));
        if (currencies.size() > 1) {
            throw DomainException.unprocessable("an order is paid in one currency; these products are priced in "
                    + currencies);
        }
        return currencies.iterator().next();
    }
}
