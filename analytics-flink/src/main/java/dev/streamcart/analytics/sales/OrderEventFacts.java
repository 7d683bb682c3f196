package dev.streamcart.analytics.sales;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderEventType;

/**
 * The part of an {@code OrderEvent} the analytics job needs. Every order event (not only payments)
 * flows as far as the watermark assigner, so that placed or cancelled orders move event time on
 * too; only {@link OrderEventType#ORDER_PAID} ones count as sales. Optional strings of the event
 * are {@code ""} here, never null, because they become ClickHouse key columns.
 *
 * @param occurredAtMillis      commit time of the event in PostgreSQL: the job's event time
 * @param recordTimestampMillis the Kafka record's timestamp (when ingest-cdc produced it)
 * @param decodedAtMillis       when this job decoded the record (processing time), for the lag KPI
 * @param refundedCents         refund events: the amount refunded (the event's, else the sum of its refunded lines)
 * @param refundedLines         refund events: the lines returned
 */
public record OrderEventFacts(
        String eventId,
        long orderId,
        long userId,
        OrderEventType type,
        long occurredAtMillis,
        long recordTimestampMillis,
        long decodedAtMillis,
        String currency,
        long totalCents,
        String region,
        String paymentMethod,
        String reason,
        long refundedCents,
        List<SaleLine> lines,
        List<SaleLine> refundedLines) {

    public OrderEventFacts {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(refundedLines, "refundedLines");
    }

    /** The facts the sales-per-minute pipeline alone needs (its unit test builds events this way). */
    public OrderEventFacts(String eventId, long orderId, OrderEventType type, long occurredAtMillis, List<SaleLine> lines) {
        this(eventId, orderId, 0, type, occurredAtMillis, occurredAtMillis, occurredAtMillis, "USD", 0, "", "", "", 0,
                lines, new ArrayList<>());
    }

    public boolean isPayment() {
        return type == OrderEventType.ORDER_PAID;
    }

    public boolean isRefund() {
        return type == OrderEventType.ORDER_REFUNDED || type == OrderEventType.ORDER_PARTIALLY_REFUNDED;
    }

    /**
     * One order line, priced at checkout (on a refund: the units returned and cents refunded per unit).
     *
     * @param recommendationVariant the A/B variant the item was added from, {@code ""} when none
     */
    public record SaleLine(long productId, long sellerId, long categoryId, int quantity, long unitPriceCents,
            String recommendationVariant) {

        public SaleLine {
            Objects.requireNonNull(recommendationVariant, "recommendationVariant");
        }

        public SaleLine(long categoryId, int quantity, long unitPriceCents) {
            this(0, 0, categoryId, quantity, unitPriceCents, "");
        }

        public long amountCents() {
            return Math.multiplyExact(quantity, unitPriceCents);
        }
    }
}
