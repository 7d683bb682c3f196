package dev.streamcart.analytics.kpi;

import java.io.IOException;
import java.util.Objects;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.serde.AvroSerde;
import dev.streamcart.schemas.topics.Topics;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code clickstream} values (Confluent wire format through the registry) into
 * {@link ClickFacts}. As for order events: an undecodable value is logged and skipped, an
 * unreachable registry fails the task (it restarts from the last checkpoint).
 */
public final class ClickFactsDecoder implements KafkaRecordDeserializationSchema<ClickFacts> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ClickFactsDecoder.class);

    private final String schemaRegistryUrl;
    private transient AvroSerde<ClickEvent> serde;

    public ClickFactsDecoder(String schemaRegistryUrl) {
        this.schemaRegistryUrl = Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        serde = Topics.CLICKSTREAM.valueSerde(new SchemaRegistryClient(schemaRegistryUrl));
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ClickFacts> out) throws IOException {
        if (record.value() == null) {
            return;
        }
        ClickEvent event;
        try {
            event = serde.decode(record.value());
        } catch (SerializationException e) {
            LOG.error("skipping undecodable click event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        out.collect(facts(event, record.timestamp(), System.currentTimeMillis()));
    }

    static ClickFacts facts(ClickEvent event, long recordTimestampMillis, long decodedAtMillis) {
        return new ClickFacts(event.getEventId(), orZero(event.getUserId()), event.getType(), orZero(event.getProductId()),
                orZero(event.getCategoryId()),
                event.getRecommendationVariant() == null ? "" : event.getRecommendationVariant().toString(),
                event.getOccurredAt().toEpochMilli(), recordTimestampMillis, decodedAtMillis);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    @Override
    public TypeInformation<ClickFacts> getProducedType() {
        return TypeInformation.of(ClickFacts.class);
    }
}
