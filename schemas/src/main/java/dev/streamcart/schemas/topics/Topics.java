package dev.streamcart.schemas.topics;

import java.util.List;

import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.catalog.ProductPriceChanged;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.order.OrderAnomaly;
import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.outbox.OutboxDeadLetter;

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

    /** Outbox events of the product aggregate: a seller's price change, old and new price, key: product id. */
    public static final TopicSpec<ProductPriceChanged> PRODUCT_PRICE_CHANGES =
            new TopicSpec<>("product-price-changes", ProductPriceChanged.class, 3, false);

    /**
     * Outbox rows ingest-cdc could not turn into events, whole and with the reason, key: aggregate
     * id. Kept like any event topic, so a fixed row can be replayed from it.
     */
    public static final TopicSpec<OutboxDeadLetter> OUTBOX_DEAD_LETTERS =
            new TopicSpec<>("outbox-dead-letters", OutboxDeadLetter.class, 3, false);

    /** Read model of inventory-streams, key: product id. */
    public static final TopicSpec<StockLevel> STOCK_LEVELS =
            new TopicSpec<>("stock-levels", StockLevel.class, 3, true);

    /** Stock crossings (low, out, back in stock, reorder) raised by inventory-streams, key: product id. */
    public static final TopicSpec<StockAlert> STOCK_ALERTS =
            new TopicSpec<>("stock-alerts", StockAlert.class, 3, false);

    /** Read model of order-streams, key: order id. */
    public static final TopicSpec<OrderView> ORDER_VIEWS =
            new TopicSpec<>("order-views", OrderView.class, 3, true);

    // --- order-streams ---

    /** Impossible order transitions flagged by order-streams, key: order id. */
    public static final TopicSpec<OrderAnomaly> ORDER_ANOMALIES =
            new TopicSpec<>("order-anomalies", OrderAnomaly.class, 3, false);

    /** Commands order-streams asks serving-api to apply (payment expiry), key: order id. */
    public static final TopicSpec<OrderCommand> ORDER_COMMANDS =
            new TopicSpec<>("order-commands", OrderCommand.class, 3, false);

    /** Orders paid but not shipped within the shipping SLA, key: order id. */
    public static final TopicSpec<OrderSlaAlert> ORDER_SLA_ALERTS =
            new TopicSpec<>("order-sla-alerts", OrderSlaAlert.class, 3, false);

    /** Per-user fraud velocity signals over the last 24 h, key: user id. Compacted. */
    public static final TopicSpec<FraudSignals> FRAUD_SIGNALS =
            new TopicSpec<>("fraud-signals", FraudSignals.class, 3, true);

    // --- end order-streams ---

    /** Storefront behaviour from serving-api, key: session id. */
    public static final TopicSpec<ClickEvent> CLICKSTREAM =
            new TopicSpec<>("clickstream", ClickEvent.class, 3, false);

    public static final List<TopicSpec<?>> ALL =
            List.of(ORDER_EVENTS, INVENTORY_CHANGES, PRODUCT_CHANGES, STOCK_LEVELS, STOCK_ALERTS, ORDER_VIEWS,
                    CLICKSTREAM, ORDER_ANOMALIES, ORDER_COMMANDS, ORDER_SLA_ALERTS, FRAUD_SIGNALS, OUTBOX_DEAD_LETTERS,
                    PRODUCT_PRICE_CHANGES);

    private Topics() {}

    /** The record key of an aggregate id. */
    public static String key(long id) {
        return Long.toString(id);
    }
}
