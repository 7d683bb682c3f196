package dev.streamcart.serving.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderAnomaly;
import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.consuming.TopicBatchConsumer;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.notifications.NotificationKind;
import dev.streamcart.serving.notifications.Notifications;

/**
 * Stores order-streams' {@code order-sla-alerts} and {@code order-anomalies} in {@code order_alerts}
 * for operators, and tells every seller of a late order that it is waiting for them. Each batch is
 * stored in one transaction before its offsets are committed; the natural key makes a re-delivered
 * alert store and notify nothing.
 */
public final class OrderAlertConsumer implements AutoCloseable {

    public static final String SLA_GROUP_ID = "serving-api-order-sla-alerts";
    public static final String ANOMALY_GROUP_ID = "serving-api-order-anomalies";
    private static final int MAX_BATCH = 200;

    private final Transactions transactions;
    private final TopicBatchConsumer<OrderSlaAlert> slaAlerts;
    private final TopicBatchConsumer<OrderAnomaly> anomalies;

    public OrderAlertConsumer(String bootstrapServers, SchemaRegistryClient registry, Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.slaAlerts = new TopicBatchConsumer<>(bootstrapServers, registry, Topics.ORDER_SLA_ALERTS, SLA_GROUP_ID,
                MAX_BATCH, this::storeSlaAlerts);
        this.anomalies = new TopicBatchConsumer<>(bootstrapServers, registry, Topics.ORDER_ANOMALIES, ANOMALY_GROUP_ID,
                MAX_BATCH, this::storeAnomalies);
    }

    public OrderAlertConsumer start() {
        slaAlerts.start();
        anomalies.start();
        return this;
    }

    private void storeSlaAlerts(List<OrderSlaAlert> batch) {
        transactions.inTransaction(connection -> {
            for (OrderSlaAlert alert : batch) {
                String detail = "order " + alert.getOrderId() + " was paid at " + alert.getPaidAt()
                        + " and not shipped by its deadline " + alert.getDeadline();
                String key = "sla:" + alert.getOrderId() + ":" + alert.getDeadline().toEpochMilli();
                if (OrderAlertStore.insert(connection, OrderAlertStore.SLA_BREACH, key, alert.getOrderId(), detail,
                        alert.getRaisedAt())) {
                    notifySellers(connection, alert);
                }
            }
            return null;
        });
    }

    private void storeAnomalies(List<OrderAnomaly> batch) {
        transactions.inTransaction(connection -> {
            for (OrderAnomaly anomaly : batch) {
                String detail = anomaly.getAttemptedType() + " is impossible from " + anomaly.getFromStatus() + ": "
                        + anomaly.getDetail();
                OrderAlertStore.insert(connection, OrderAlertStore.ANOMALY, "anomaly:" + anomaly.getEventId(),
                        anomaly.getOrderId(), detail, anomaly.getDetectedAt());
            }
            return null;
        });
    }

    /** Every seller with an item in the order hears about it once, as a notification on the order. */
    private static void notifySellers(Connection connection, OrderSlaAlert alert) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT DISTINCT s.user_id FROM order_items i JOIN sellers s ON s.id = i.seller_id
                WHERE i.order_id = ? AND s.user_id IS NOT NULL""")) {
            select.setLong(1, alert.getOrderId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Notifications.record(connection, rows.getLong(1), NotificationKind.ORDER_SLA_BREACHED,
                            alert.getOrderId(), "Order " + alert.getOrderId() + " is late to ship",
                            "Order " + alert.getOrderId() + " was paid at " + alert.getPaidAt()
                                    + " and should have shipped by " + alert.getDeadline()
                                    + ". Please ship your items or contact the buyer.");
                }
            }
        }
    }

    @Override
    public void close() {
        slaAlerts.close();
        anomalies.close();
    }
}
