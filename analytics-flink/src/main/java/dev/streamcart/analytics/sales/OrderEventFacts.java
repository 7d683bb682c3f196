package dev.streamcart.analytics.sales;

import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderEventType;

/**
 * The part of an {@code OrderEvent} the sales job needs. Every order event (not only payments)
 * flows as far as the watermark assigner, so that placed or cancelled orders move event time on
 * too; only {@link OrderEventType#ORDER_PAID} ones count as sales.
 *
 * @param occurredAtMillis commit time of the event in PostgreSQL: the job's event time
 */
public record OrderEventFacts(String eventId, long orderId, OrderEventType type, long occurredAtMillis, List<SaleLine> lines) {

    public OrderEventFacts {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lines, "lines");
    }

    public boolean isPayment() {
        return type == OrderEventType.ORDER_PAID;
    }

    /** One order line, priced at checkout. */
    public record SaleLine(long categoryId, int quantity, long unitPriceCents) {}
}
