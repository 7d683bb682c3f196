package dev.streamcart.orders;

import dev.streamcart.orders.tracking.OrderTrackingTopology;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import dev.streamcart.schemas.streams.StreamsApplication;
import dev.streamcart.schemas.topics.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * order-streams: keeps a view of every order, with its status history, in the compacted
 * {@code order-views} topic, built from the order outbox events that ingest-cdc captures.
 *
 * <p>Guarantees: exactly-once (v2) from {@code order-events} to {@code order-views}; an event
 * re-delivered (same event id) changes nothing; the view's status always equals the status of the
 * newest event, because PostgreSQL is the truth, and a transition the state machine forbids is
 * kept in the view's anomalies and logged. Prints {@code STREAMCART READY order-streams} once
 * the topology first runs, and exits non-zero when it cannot start or its stream threads fail.
 */
public final class OrderStreamsMain {

    private static final Logger LOG = LoggerFactory.getLogger(OrderStreamsMain.class);
    private static final String SERVICE_NAME = "order-streams";

    private OrderStreamsMain() {}

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        ParentWatchdog.watch(settings.getLong(CommonKeys.PARENT_PID, 0));
        StreamsApplication application;
        try {
            OrderStreamsConfig config = OrderStreamsConfig.from(settings);
            TopicProvisioner.ensureTopics(config.bootstrapServers(),
                    (short) settings.getInt(CommonKeys.KAFKA_TOPIC_REPLICATION_FACTOR, 1));
            SchemaRegistryClient registry = new SchemaRegistryClient(config.schemaRegistryUrl());
            application = new StreamsApplication(OrderTrackingTopology.build(registry), config.streamsProperties());
            Runtime.getRuntime().addShutdownHook(new Thread(application::close, SERVICE_NAME + "-shutdown"));
            application.running().thenRun(() -> {
                System.out.println("STREAMCART READY " + SERVICE_NAME);
                System.out.flush();
            });
            application.start();
        } catch (RuntimeException e) {
            LOG.error("{} cannot start: {}", SERVICE_NAME, e.getMessage(), e);
            System.exit(2);
            return;
        }
        Throwable failure = application.failure().join();
        LOG.error("{} stopped on an error; exiting so it restarts from its committed state", SERVICE_NAME, failure);
        System.exit(1);
    }
}
