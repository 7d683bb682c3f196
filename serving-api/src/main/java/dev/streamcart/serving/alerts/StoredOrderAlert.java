package dev.streamcart.serving.alerts;

import java.time.Instant;

/**
 * An alert about an order, as stored for operators.
 *
 * @param kind {@code SLA_BREACH} (paid, not shipped by the deadline) or {@code ANOMALY} (an impossible
 *             transition of the order state machine)
 * @param naturalKey the alert's identity: {@code sla:<orderId>:<deadline millis>} or {@code anomaly:<eventId>}
 * @param raisedAt when order-streams raised it
 */
public record StoredOrderAlert(long id, String kind, String naturalKey, long orderId, String detail, Instant raisedAt,
        Instant storedAt) {}
