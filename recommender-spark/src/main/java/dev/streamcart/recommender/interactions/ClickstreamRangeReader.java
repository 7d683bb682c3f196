package dev.streamcart.recommender.interactions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.serde.AvroSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.jspecify.annotations.Nullable;

/**
 * The body of one Spark task: reads its offset ranges of the clickstream and keeps the events that
 * say something about a known user's taste (a product view or cart add with a user and a product),
 * as rows of {@link InteractionEvents#SCHEMA}. The Kafka consumer and the registry client are
 * created here, inside the task, since neither is serializable.
 */
final class ClickstreamRangeReader implements FlatMapFunction<Iterator<OffsetRange>, Row> {

    private static final long serialVersionUID = 1L;

    /** A range that does not reach its end offset in this time fails the task (and the run) instead of hanging it. */
    private static final Duration RANGE_DEADLINE = Duration.ofMinutes(2);

    private final ClickstreamSource source;

    ClickstreamRangeReader(ClickstreamSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public Iterator<Row> call(Iterator<OffsetRange> ranges) {
        List<Row> rows = new ArrayList<>();
        AvroSerde<ClickEvent> serde = AvroSerde.forValues(ClickEvent.class, new SchemaRegistryClient(source.schemaRegistryUrl()));
        Properties properties = ClickstreamOffsets.consumerProperties(source.bootstrapServers());
        while (ranges.hasNext()) {
            OffsetRange range = ranges.next();
            // one client id per task: equal ids clash in the JVM's metrics registry
            properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamcart-recommender-" + range.topic() + "-"
                    + range.partition() + "-" + range.from());
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
                read(consumer, range, serde, rows);
            }
        }
        return rows.iterator();
    }

    private static void read(KafkaConsumer<byte[], byte[]> consumer, OffsetRange range, AvroSerde<ClickEvent> serde,
            List<Row> rows) {
        TopicPartition partition = new TopicPartition(range.topic(), range.partition());
        consumer.assign(List.of(partition));
        consumer.seek(partition, range.from());
        Instant deadline = Instant.now().plus(RANGE_DEADLINE);
        // position, not the last record's offset: transaction markers and aborted records take offsets too
        while (consumer.position(partition) < range.until()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reading " + partition + " offsets " + range.from() + ".." + range.until()
                        + " did not finish within " + RANGE_DEADLINE + " (stopped at " + consumer.position(partition) + ")");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() >= range.until()) {
                    break; // the next range's (or the next run's) events
                }
                if (record.value() != null) {
                    Row row = toRow(serde.decode(record.value()));
                    if (row != null) {
                        rows.add(row);
                    }
                }
            }
        }
    }

    /** The event as a row, or null when it is not a taste signal of a known user. */
    static @Nullable Row toRow(ClickEvent event) {
        Signal signal;
        if (event.getType() == ClickType.PRODUCT_VIEW) {
            signal = Signal.VIEW;
        } else if (event.getType() == ClickType.CART_ADD) {
            signal = Signal.CART_ADD;
        } else {
            return null;
        }
        if (event.getUserId() == null || event.getProductId() == null) {
            return null; // anonymous sessions and searches say nothing about a user we can recommend to
        }
        return RowFactory.create(event.getUserId(), event.getProductId(), signal.name(), 1,
                Timestamp.from(event.getOccurredAt()));
    }
}
