package dev.streamcart.ingest.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.ingest.outbox.OutboxEventMapper;
import dev.streamcart.ingest.outbox.OutboxPayload;
import dev.streamcart.ingest.outbox.OutboxRow;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.catalog.ProductPriceChanged;
import dev.streamcart.schemas.topics.Topics;

/**
 * Outbox rows of aggregate type {@code product} become {@link ProductPriceChanged} events on
 * {@code product-price-changes}, keyed by product id. The one event type is {@code PRICE_CHANGED},
 * written by serving-api with the price history row: {@code {"productId","sellerId","oldPriceCents",
 * "newPriceCents","currency"}}. The product's new state also reaches {@code product-changes} through
 * table CDC; this event is the change itself, with the price it replaced.
 */
public final class ProductOutboxMapper implements OutboxEventMapper {

    public static final String AGGREGATE_TYPE = "product";
    public static final String PRICE_CHANGED = "PRICE_CHANGED";

    @Override
    public OutgoingEvent<ProductPriceChanged> map(OutboxRow row) {
        if (!PRICE_CHANGED.equals(row.eventType())) {
            throw new IllegalArgumentException("unknown product event type '" + row.eventType() + "'");
        }
        JsonNode payload = OutboxPayload.parse(row);
        ProductPriceChanged event = ProductPriceChanged.newBuilder()
                .setEventId(row.id())
                .setProductId(OutboxPayload.requiredLong(payload, "productId"))
                .setSellerId(OutboxPayload.requiredLong(payload, "sellerId"))
                .setOldPriceCents(OutboxPayload.requiredLong(payload, "oldPriceCents"))
                .setNewPriceCents(OutboxPayload.requiredLong(payload, "newPriceCents"))
                .setCurrency(OutboxPayload.requiredText(payload, "currency"))
                .setOccurredAt(row.occurredAt())
                .build();
        return new OutgoingEvent<>(Topics.PRODUCT_PRICE_CHANGES, row.aggregateId(), event);
    }
}
