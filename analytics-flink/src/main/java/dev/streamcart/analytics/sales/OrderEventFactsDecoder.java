package dev.streamcart.analytics.sales;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.serde.AvroSerde;
import dev.streamcart.schemas.topics.Topics;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code order-events} values (Confluent wire format, resolved through the schema
 * registry) into {@link OrderEventFacts}. The registry client is built in {@link #open}, on the
 * task manager, because it is not serializable. A value that cannot be decoded is logged with its
 * offset and skipped, so one corrupt record does not stop the dashboards; an unreachable registry
 * fails the task instead (it restarts from the last checkpoint), because skipping then would lose sales.
 */
final class OrderEventFactsDecoder implements KafkaRecordDeserializationSchema<OrderEventFacts> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OrderEventFactsDecoder.class);

    private final String schemaRegistryUrl;
    private transient AvroSerde<OrderEvent> serde;

    OrderEventFactsDecoder(String schemaRegistryUrl) {
        this.schemaRegistryUrl = Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        serde = Topics.ORDER_EVENTS.valueSerde(new SchemaRegistryClient(schemaRegistryUrl));
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<OrderEventFacts> out) throws IOException {
        if (record.value() == null) {
            return;
        }
        OrderEvent event;
        try {
            event = serde.decode(record.value());
        } catch (SerializationException e) {
            LOG.error("skipping undecodable order event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        out.collect(facts(event, record.timestamp(), System.currentTimeMillis()));
    }

    static OrderEventFacts facts(OrderEvent event, long recordTimestampMillis, long decodedAtMillis) {
        List<OrderEventFacts.SaleLine> lines = lines(event.getItems());
        List<OrderEventFacts.SaleLine> refundedLines = lines(event.getRefundedItems());
        long refundedCents = 0;
        if (event.getRefundedCents() != null) {
            refundedCents = event.getRefundedCents();
        } else {
            for (OrderEventFacts.SaleLine line : refundedLines) {
                refundedCents = Math.addExact(refundedCents, line.amountCents());
            }
        }
        return new OrderEventFacts(event.getEventId(), event.getOrderId(), event.getUserId(), event.getType(),
                event.getOccurredAt().toEpochMilli(), recordTimestampMillis, decodedAtMillis, event.getCurrency(),
                event.getTotalCents(), orEmpty(event.getRegion()), orEmpty(event.getPaymentMethod()),
                orEmpty(event.getReason()), refundedCents, lines, refundedLines);
    }

    private static List<OrderEventFacts.SaleLine> lines(@Nullable List<OrderLine> items) {
        // ArrayList, not List.of: Flink's list serializer rebuilds lists by adding to a mutable one
        List<OrderEventFacts.SaleLine> lines = new ArrayList<>(items == null ? 0 : items.size());
        if (items != null) {
            for (OrderLine line : items) {
                lines.add(new OrderEventFacts.SaleLine(line.getProductId(), line.getSellerId(), line.getCategoryId(),
                        line.getQuantity(), line.getUnitPriceCents(), orEmpty(line.getRecommendationVariant())));
            }
        }
        return lines;
    }

    private static String orEmpty(@Nullable CharSequence value) {
        return value == null ? "" : value.toString();
    }

    @Override
    public TypeInformation<OrderEventFacts> getProducedType() {
        return TypeInformation.of(OrderEventFacts.class);
    }
}
