package dev.streamcart.ingest.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.ingest.outbox.OutboxEventMapper;
import dev.streamcart.ingest.outbox.OutboxPayload;
import dev.streamcart.ingest.outbox.OutboxRow;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.topics.Topics;

/**
 * Outbox rows of aggregate type {@code order} become {@link OrderEvent}s on {@code order-events},
 * keyed by order id. The payload is the JSON object of the outbox contract:
 * {@code {"orderId","userId","status","totalCents","currency","items":[{"productId","sellerId",
 * "categoryId","quantity","unitPriceCents"}],"paymentMethod","reason"}}; money is integer cents.
 * Optional keys {@code cardFingerprint} (payment events: a salted hash, never the card number) and
 * {@code shippingAddressKey} (ORDER_PLACED) are copied when present, for the fraud velocity signals;
 * so are {@code region}, {@code refundedCents}, {@code refundedItems} (refunds, lines like
 * {@code items}) and each line's {@code recommendationVariant}, for analytics.
 */
public final class OrderOutboxMapper implements OutboxEventMapper {

    public static final String AGGREGATE_TYPE = "order";

    @Override
    public OutgoingEvent<OrderEvent> map(OutboxRow row) {
        JsonNode payload = OutboxPayload.parse(row);
        OrderEvent event = OrderEvent.newBuilder()
                .setEventId(row.id())
                .setOrderId(OutboxPayload.requiredLong(payload, "orderId"))
                .setUserId(OutboxPayload.requiredLong(payload, "userId"))
                .setType(eventType(row.eventType()))
                .setStatus(status(OutboxPayload.requiredText(payload, "status")))
                .setTotalCents(OutboxPayload.requiredLong(payload, "totalCents"))
                .setCurrency(OutboxPayload.requiredText(payload, "currency"))
                .setItems(items(payload))
                .setOccurredAt(row.occurredAt())
                .setPaymentMethod(OutboxPayload.optionalText(payload, "paymentMethod"))
                .setReason(OutboxPayload.optionalText(payload, "reason"))
                // fraud velocity inputs, present only in payloads that carry them
                .setCardFingerprint(OutboxPayload.optionalText(payload, "cardFingerprint"))
                .setShippingAddressKey(OutboxPayload.optionalText(payload, "shippingAddressKey"))
                .setRegion(OutboxPayload.optionalText(payload, "region"))
                .setRefundedCents(OutboxPayload.optionalLong(payload, "refundedCents"))
                .setRefundedItems(payload.has("refundedItems") ? lines(payload, "refundedItems") : List.of())
                .build();
        return new OutgoingEvent<>(Topics.ORDER_EVENTS, row.aggregateId(), event);
    }

    /** An event type this version does not know yet is published as UNKNOWN, as Avro readers would read it. */
    private static OrderEventType eventType(String name) {
        try {
            return OrderEventType.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OrderEventType.UNKNOWN;
        }
    }

    private static OrderStatus status(String name) {
        try {
            return OrderStatus.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OrderStatus.UNKNOWN;
        }
    }

    private static List<OrderLine> items(JsonNode payload) {
        return lines(payload, "items");
    }

    private static List<OrderLine> lines(JsonNode payload, String field) {
        JsonNode items = payload.get(field);
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array");
        }
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            lines.add(OrderLine.newBuilder()
                    .setProductId(OutboxPayload.requiredLong(item, "productId"))
                    .setSellerId(OutboxPayload.requiredLong(item, "sellerId"))
                    .setCategoryId(OutboxPayload.requiredLong(item, "categoryId"))
                    .setQuantity(Math.toIntExact(OutboxPayload.requiredLong(item, "quantity")))
                    .setUnitPriceCents(OutboxPayload.requiredLong(item, "unitPriceCents"))
                    .setRecommendationVariant(OutboxPayload.optionalText(item, "recommendationVariant"))
                    .build());
        }
        return lines;
    }
}
