package dev.streamcart.schemas.outbox;

import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.catalog.ProductPriceChanged;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.topics.TopicSpec;
import dev.streamcart.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * An aggregate that writes domain events to the outbox: the {@code aggregate_type} of its rows and
 * the topic (hence the record type and the registry subject) its events are published on. The one
 * table both serving-api, which writes the rows, and ingest-cdc, which routes them, read.
 */
public record OutboxAggregate<V extends SpecificRecord>(String type, TopicSpec<V> topic) {

    public static final OutboxAggregate<OrderEvent> ORDER = new OutboxAggregate<>("order", Topics.ORDER_EVENTS);
    public static final OutboxAggregate<ProductPriceChanged> PRODUCT =
            new OutboxAggregate<>("product", Topics.PRODUCT_PRICE_CHANGES);

    public static final List<OutboxAggregate<?>> ALL = List.of(ORDER, PRODUCT);

    public OutboxAggregate {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
    }

    /** The aggregate whose rows carry {@code type}, or null for a type no aggregate writes. */
    public static @Nullable OutboxAggregate<?> byType(String type) {
        for (OutboxAggregate<?> aggregate : ALL) {
            if (aggregate.type.equals(type)) {
                return aggregate;
            }
        }
        return null;
    }
}
