package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
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
import dev.streamcart.serving.inventory.InsufficientStockException;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.inventory.WarehouseAllocator;
import dev.streamcart.serving.limits.OrderLimits;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.notifications.NotificationKind;
import dev.streamcart.serving.notifications.Notifications;
import dev.streamcart.serving.pricing.OrderPricing;
import dev.streamcart.serving.pricing.PriceQuote;
import dev.streamcart.serving.pricing.PricedLine;
import dev.streamcart.serving.pricing.PricingLine;
import dev.streamcart.serving.pricing.SellerParcel;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.shipping.ShippingOptions;

/**
 * Places an order, all in the caller's one transaction: resolves the destination from the buyer's
 * own addresses, checks the prices the buyer saw (cart checkout), reserves the stock in warehouses
 * near the buyer, prices the order per seller (tax per line, one parcel per seller), and writes the
 * order, its items, the reservations, the ORDER_PLACED outbox event (totalCents = the total to be
 * charged) and the ORDER_CONFIRMED notification. Either all of it commits or none of it: an order
 * never exists without its stock, and stock is never held without an order. The stock is taken
 * last when it can be (see {@link StockReservations#reserveIfAvailable}).
 *
 * <p>A buyer holds a bounded number of unpaid orders and units ({@link OrderLimits}): unpaid
 * orders reserve stock until they are paid or expire, and unbounded they would let one account keep
 * a product sold out. Beyond the bound the order is refused with 409 {@code unpaid-limit}, since it
 * is the buyer's own open orders that stand in the way (paying or cancelling one lifts it), not a
 * rate that waiting would reset.
 */
public final class Checkout {

    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OrderEvents events;
    private final OrderPricing pricing;
    private final OrderLimits limits;

    public Checkout(OrderRepository orders, StockReservations reservations, OrderEvents events, OrderPricing pricing,
                    OrderLimits limits) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.events = Objects.requireNonNull(events, "events");
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A product as checkout and quotes see it: for sale or not, its current price and its unit weight. */
    private record CatalogEntry(long productId, long sellerId, long categoryId, String name, String sku,
                               BigDecimal price, String currency, boolean active, int weightGrams) {}

    public PlacedOrder place(Connection connection, PlaceOrder request) throws SQLException {
        // the buyer's row lock first: the FOR SHARE of requireExists taken before it by two checkouts would deadlock
        requireWithinUnpaidLimits(connection, request);
        References.requireExists(connection, "users", "user", request.userId());
        Destination destination = Destination.resolve(connection, request.userId(), request.delivery());
        Map<Long, CatalogEntry> catalog = loadProducts(connection, request.quantities().keySet());
        requireForSale(catalog);
        requireUnchangedPrices(catalog, request.expectedPrices());
        String currency = singleCurrency(catalog);

        // A hot product's inventory rows are the one thing every checkout of it queues on: allocate
        // without locks, write the order, and take the rows last with conditional updates, so they
        // stay locked only for those updates and the commit. When stock moved in between, undo to
        // the savepoint and do it the locking way, which decides on the committed numbers.
        // The holds go in after the updates in both paths: their foreign key share-locks the
        // inventory rows, and a share lock taken before the update would deadlock with a checkout
        // queued for the rows under lock.
        WarehouseAllocator.Plan preview = reservations.preview(connection, request.quantities(), destination.region());
        if (preview.feasible()) {
            Savepoint beforeWrites = connection.setSavepoint();
            WrittenOrder written = write(connection, request, destination, catalog, currency, preview.allocations());
            if (reservations.reserveIfAvailable(connection, preview.allocations())) {
                reservations.recordHolds(connection, written.placed().order().id(), written.itemIdByProduct(),
                        preview.allocations());
                return written.placed();
            }
            connection.rollback(beforeWrites);
        }
        // Stock first: a shortage aborts before anything is written.
        List<Allocation> allocations = reservations.reserve(connection, request.quantities(), destination.region());
        WrittenOrder written = write(connection, request, destination, catalog, currency, allocations);
        reservations.recordHolds(connection, written.placed().order().id(), written.itemIdByProduct(), allocations);
        return written.placed();
    }

    /**
     * Refuses the order when the buyer would hold more unpaid orders or units than allowed. The
     * buyer's row is locked first (FOR NO KEY UPDATE: it leaves the foreign-key checks of other
     * tables alone), so a buyer's checkouts count one after the other and parallel ones cannot all
     * pass; it is the first lock of a checkout, and nothing else locks a user row after stock, so the
     * order of locks stays deadlock-free. An unknown buyer locks and counts nothing (refused right after).
     */
    private void requireWithinUnpaidLimits(Connection connection, PlaceOrder request) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM users WHERE id = ? FOR NO KEY UPDATE")) {
            lock.setLong(1, request.userId());
            lock.executeQuery().close();
        }
        long unpaidOrders;
        long unpaidUnits;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(DISTINCT o.id), coalesce(sum(i.quantity), 0)
                FROM orders o JOIN order_items i ON i.order_id = o.id
                WHERE o.user_id = ? AND o.status = ?""")) {
            select.setLong(1, request.userId());
            select.setString(2, OrderStatus.PENDING_PAYMENT.name());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                unpaidOrders = row.getLong(1);
                unpaidUnits = row.getLong(2);
            }
        }
        long units = request.quantities().values().stream().mapToLong(Integer::longValue).sum();
        if (unpaidOrders >= limits.maxUnpaidOrders() || unpaidUnits + units > limits.maxUnpaidUnits()) {
            throw new DomainException(ProblemKind.UNPAID_LIMIT, "buyer " + request.userId() + " holds " + unpaidOrders
                    + " unpaid orders with " + unpaidUnits + " units; at most " + limits.maxUnpaidOrders() + " orders and "
                    + limits.maxUnpaidUnits() + " units may wait for payment (this order has " + units
                    + "): pay or cancel an open order first",
                    Map.of("unpaidOrders", unpaidOrders, "unpaidUnits", unpaidUnits, "orderUnits", units,
                            "maxUnpaidOrders", limits.maxUnpaidOrders(), "maxUnpaidUnits", limits.maxUnpaidUnits()));
        }
    }

    /** The order as written, and the item id of each product (what the holds refer to). */
    private record WrittenOrder(PlacedOrder placed, Map<Long, Long> itemIdByProduct) {}

    /**
     * Prices the order on its allocations and writes the order, its items, the ORDER_PLACED event
     * and the ORDER_CONFIRMED notification; the stock and its holds are the caller's.
     */
    private WrittenOrder write(Connection connection, PlaceOrder request, Destination destination,
                              Map<Long, CatalogEntry> catalog, String currency, List<Allocation> allocations)
            throws SQLException {
        List<PricingLine> pricingLines = request.items().stream()
                .map(line -> pricingLine(catalog.get(line.productId()), line.quantity()))
                .toList();
        PriceQuote quote = destination.known()
                ? pricing.price(connection, currency, destination.region(), destination.carrier(), pricingLines, allocations)
                : OrderPricing.goodsOnly(currency, pricingLines);

        List<OrderRepository.NewItem> lines = new ArrayList<>();
        for (PlaceOrder.Line line : request.items()) {
            CatalogEntry product = catalog.get(line.productId());
            PricedLine priced = quote.line(product.productId());
            OrderItem item = new OrderItem(product.productId(), product.sellerId(), product.categoryId(),
                    line.quantity(), product.price(), request.recommendationVariants().get(product.productId()));
            lines.add(new OrderRepository.NewItem(item, product.name(), product.sku(), priced.tax()));
        }
        String carrier = quote.sellers().stream().map(SellerParcel::carrier).filter(Objects::nonNull).distinct()
                .reduce((a, b) -> a + "," + b).orElse(null);
        long orderId = orders.insertOrder(connection, new OrderRepository.NewOrder(request.userId(), quote.subtotal(),
                quote.tax(), quote.shipping(), quote.total(), currency, destination.shippingAddressId(),
                destination.billingAddressId(), destination.region(), carrier));
        Map<Long, Long> itemIdByProduct = new HashMap<>();
        for (OrderRepository.NewItem line : lines) {
            itemIdByProduct.put(line.item().productId(), orders.insertItem(connection, orderId, line));
        }

        Order order = new Order(orderId, request.userId(), OrderStatus.PENDING_PAYMENT, quote.total(), currency,
                lines.stream().map(OrderRepository.NewItem::item).toList(), destination.region());
        events.append(connection, OrderEventRecords.of(order, OrderEventType.ORDER_PLACED)
                .setShippingAddressKey(destination.shippingAddressKey()));
        Notifications.record(connection, request.userId(), NotificationKind.ORDER_CONFIRMED, orderId,
                "Order " + orderId + " confirmed",
                "We have your order " + orderId + " of " + lines.size() + " item(s), total " + Money.format(quote.total())
                        + " " + currency + " (goods " + Money.format(quote.subtotal()) + ", tax "
                        + Money.format(quote.tax()) + ", shipping " + Money.format(quote.shipping())
                        + "). It is reserved for you until paid.");
        return new WrittenOrder(new PlacedOrder(order, quote, destination), itemIdByProduct);
    }

    /**
     * Prices lines the way {@link #place} would, without reserving or writing anything: the
     * allocation is previewed (no locks) to know each seller's shipping zone.
     */
    public PriceQuote quote(Connection connection, long userId, Map<Long, Integer> quantities,
                            PlaceOrder.Delivery delivery) throws SQLException {
        Destination destination = Destination.resolve(connection, userId, delivery);
        Map<Long, CatalogEntry> catalog = loadProducts(connection, quantities.keySet());
        requireForSale(catalog);
        String currency = singleCurrency(catalog);
        List<PricingLine> lines = quantities.entrySet().stream()
                .map(e -> pricingLine(catalog.get(e.getKey()), e.getValue()))
                .toList();
        if (!destination.known()) {
            return OrderPricing.goodsOnly(currency, lines);
        }
        WarehouseAllocator.Plan plan = reservations.preview(connection, quantities, destination.region());
        if (!plan.feasible()) {
            throw new InsufficientStockException(plan.shortages());
        }
        return pricing.price(connection, currency, destination.region(), destination.carrier(), lines, plan.allocations());
    }

    private static PricingLine pricingLine(CatalogEntry product, int quantity) {
        return new PricingLine(product.productId(), product.sellerId(), product.categoryId(), quantity, product.price(),
                product.weightGrams());
    }

    /** The products with their current price, currency and weight; 422 naming unknown ids. */
    private static Map<Long, CatalogEntry> loadProducts(Connection connection, Set<Long> productIds) throws SQLException {
        Map<Long, CatalogEntry> found = new LinkedHashMap<>();
        Array ids = connection.createArrayOf("bigint", productIds.toArray(Long[]::new));
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, seller_id, category_id, name, sku, price, currency, is_active,
                       CASE WHEN jsonb_typeof(attributes -> 'weightGrams') = 'number'
                            THEN (attributes ->> 'weightGrams')::numeric ELSE ? END
                FROM products WHERE id = ANY (?)""")) {
            select.setInt(1, ShippingOptions.DEFAULT_ITEM_GRAMS);
            select.setArray(2, ids);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.put(row.getLong(1), new CatalogEntry(row.getLong(1), row.getLong(2), row.getLong(3),
                            row.getString(4), row.getString(5), row.getBigDecimal(6), row.getString(7).trim(),
                            row.getBoolean(8), Math.max(0, row.getBigDecimal(9).intValue())));
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
        return found;
    }

    private static void requireForSale(Map<Long, CatalogEntry> catalog) {
        Set<Long> inactive = new TreeSet<>();
        catalog.values().stream().filter(p -> !p.active()).forEach(p -> inactive.add(p.productId()));
        if (!inactive.isEmpty()) {
            throw DomainException.unprocessable("products no longer for sale: " + inactive);
        }
    }

    private static void requireUnchangedPrices(Map<Long, CatalogEntry> catalog, Map<Long, BigDecimal> expected) {
        List<PriceChangedException.Change> changes = new ArrayList<>();
        String currency = null;
        for (Map.Entry<Long, BigDecimal> seen : expected.entrySet()) {
            CatalogEntry product = catalog.get(seen.getKey());
            if (product != null && product.price().compareTo(seen.getValue()) != 0) {
                changes.add(new PriceChangedException.Change(product.productId(), seen.getValue(), product.price()));
                currency = product.currency();
            }
        }
        if (!changes.isEmpty()) {
            throw new PriceChangedException(currency, changes);
        }
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
