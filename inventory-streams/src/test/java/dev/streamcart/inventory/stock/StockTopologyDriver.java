package dev.streamcart.inventory.stock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import dev.streamcart.inventory.InventoryStreamsConfig;
import dev.streamcart.inventory.alerts.ReorderSuggestion;
import dev.streamcart.localstack.testing.PlainAvroSerde;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.jspecify.annotations.Nullable;

/**
 * inventory-streams' topology in a {@link TopologyTestDriver}, with plain Avro serdes (no registry)
 * and a reorder suggestion over 14 days of cover: inventory changes in, stock levels and alerts out.
 */
final class StockTopologyDriver implements AutoCloseable {

    final TestInputTopic<String, InventoryChanged> changes;
    final TestOutputTopic<String, StockLevel> stockLevels;
    final TestOutputTopic<String, StockAlert> alerts;
    private final TopologyTestDriver driver;

    /** Velocity re-evaluated at the service's default interval; the wall clock starts now. */
    StockTopologyDriver(String applicationId) {
        this(applicationId, InventoryStreamsConfig.DEFAULT_VELOCITY_REFRESH_INTERVAL, null);
    }

    /**
     * @param applicationId keeps each test class's state apart
     * @param wallClockStart the driver's wall clock at the start; null: now
     */
    StockTopologyDriver(String applicationId, Duration velocityRefresh, @Nullable Instant wallClockStart) {
        PlainAvroSerde<InventoryChanged> changeSerde = new PlainAvroSerde<>(InventoryChanged.class);
        PlainAvroSerde<StockLevel> stockSerde = new PlainAvroSerde<>(StockLevel.class);
        PlainAvroSerde<StockAlert> alertSerde = new PlainAvroSerde<>(StockAlert.class);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "topology-test-state").toAbsolutePath().toString());
        driver = new TopologyTestDriver(StockTopology.build(changeSerde, stockSerde, alertSerde, new ReorderSuggestion(14),
                velocityRefresh), props, wallClockStart);
        changes = driver.createInputTopic(Topics.INVENTORY_CHANGES.name(), new StringSerializer(), changeSerde.serializer());
        stockLevels = driver.createOutputTopic(Topics.STOCK_LEVELS.name(), new StringDeserializer(), stockSerde.deserializer());
        alerts = driver.createOutputTopic(Topics.STOCK_ALERTS.name(), new StringDeserializer(), alertSerde.deserializer());
    }

    TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
