package dev.streamcart.schemas.topics;

import java.util.List;

import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderView;

/** The topic catalogue: the only place a topic name is written. */
public final class Topics {

    /** Outbox events of the order aggregate (placed, paid, failed, cancelled, ...), key: order id. */
    public static final TopicSpec<OrderEvent> ORDER_EVENTS =
            new TopicSpec<>("order-events", OrderEvent.class, 3, false);

    /** Table CDC of inventory rows, key: product id (all warehouses of a product on one partition). */
    public static final TopicSpec<InventoryChanged> INVENTORY_CHANGES =
            new TopicSpec<>("inventory-changes", InventoryChanged.class, 3, false);

    /** Table CDC of products, key: product id. Compacted: the latest state of each product. */
    public static final TopicSpec<ProductChanged> PRODUCT_CHANGES =
            new TopicSpec<>("product-changes", ProductChanged.class, 3, true);

    /** Read model of inventory-streams, key: product id. */
    public static final TopicSpec<StockLevel> STOCK_LEVELS =
            new TopicSpec<>("stock-levels", StockLevel.class, 3, true);

    /** Stock crossings (low, out, back in stock, reorder) raised by inventory-streams, key: product id. */
    public static final TopicSpec<StockAlert> STOCK_ALERTS =
            new TopicSpec<>("stock-alerts", StockAlert.class, 3, false);

    /** Read model of order-streams, key: order id. */
    public static final TopicSpec<OrderView> ORDER_VIEWS =
            new TopicSpec<>("order-views", OrderView.class, 3, true);

    /** Storefront behaviour from serving-api, key: session id. */
    public static final TopicSpec<ClickEvent> CLICKSTREAM =
            new TopicSpec<>("clickstream", ClickEvent.class, 3, false);

    public static final List<TopicSpec<?>> ALL =
            List.of(ORDER_EVENTS, INVENTORY_CHANGES, PRODUCT_CHANGES, STOCK_LEVELS, STOCK_ALERTS, ORDER_VIEWS,
                    CLICKSTREAM);

    private Topics() {}

    /** The record key of an aggregate id. */
    public static String key(long id) {
        return Long.toString(id);
    }
}
