package dev.streamcart.ingest.orders;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.ingest.outbox.OutboxEventMapper;
import dev.streamcart.ingest.outbox.OutboxRow;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.topics.Topics;
import org.jspecify.annotations.Nullable;

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

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public OutgoingEvent<OrderEvent> map(OutboxRow row) {
        JsonNode payload = parse(row);
        OrderEvent event = OrderEvent.newBuilder()
                .setEventId(row.id())
                .setOrderId(requiredLong(payload, "orderId"))
                .setUserId(requiredLong(payload, "userId"))
                .setType(eventType(row.eventType()))
                .setStatus(status(requiredText(payload, "status")))
                .setTotalCents(requiredLong(payload, "totalCents"))
                .setCurrency(requiredText(payload, "currency"))
                .setItems(items(payload))
                .setOccurredAt(row.occurredAt())
                .setPaymentMethod(optionalText(payload, "paymentMethod"))
                .setReason(optionalText(payload, "reason"))
                // fraud velocity inputs, present only in payloads that carry them
                .setCardFingerprint(optionalText(payload, "cardFingerprint"))
                .setShippingAddressKey(optionalText(payload, "shippingAddressKey"))
                .setRegion(optionalText(payload, "region"))
                .setRefundedCents(optionalLong(payload, "refundedCents"))
                .setRefundedItems(payload.has("refundedItems") ? lines(payload, "refundedItems") : List.of())
                .build();
        return new OutgoingEvent<>(Topics.ORDER_EVENTS, row.aggregateId(), event);
    }

    private static JsonNode parse(OutboxRow row) {
        try {
            JsonNode payload = JSON.readTree(row.payload());
            if (payload == null || !payload.isObject()) {
                throw new IllegalArgumentException("payload is not a JSON object");
            }
            return payload;
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getMessage(), e);
        }
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
                    .setProductId(requiredLong(item, "productId"))
                    .setSellerId(requiredLong(item, "sellerId"))
                    .setCategoryId(requiredLong(item, "categoryId"))
                    .setQuantity(Math.toIntExact(requiredLong(item, "quantity")))
                    .setUnitPriceCents(requiredLong(item, "unitPriceCents"))
                    .setRecommendationVariant(optionalText(item, "recommendationVariant"))
                    .build());
        }
        return lines;
    }

    /** Integers only: cents and ids never pass through a floating-point number. */
    private static long requiredLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer, was " + value);
        }
        return value.longValue();
    }

    private static String requiredText(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    private static @Nullable Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : requiredLong(node, field);
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
