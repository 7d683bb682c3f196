package dev.streamcart.orders;

import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.StreamsService;

/**
 * order-streams: keeps a view of every order, with its status history, in the compacted
 * {@code order-views} topic, built from the order outbox events that ingest-cdc captures.
 *
 * <p>Guarantees: exactly-once (v2) from {@code order-events} to {@code order-views}; an event
 * re-delivered (same event id) changes nothing; the view's status always equals the status of the
 * newest event, because PostgreSQL is the truth, and a transition the state machine forbids is
 * kept in the view's anomalies, published on {@code order-anomalies} and logged. It also expires
 * unpaid orders (commands on {@code order-commands} that serving-api applies), raises shipping
 * SLA alerts ({@code order-sla-alerts}) and counts fraud velocity signals per user
 * ({@code fraud-signals}). Answers {@code GET /orders/{orderId}}, {@code GET /users/{userId}/orders}
 * and {@code GET /fraud-signals/{userId}} for any key on {@code orders.query.port}, forwarding to
 * the instance that owns it. Prints {@code STREAMCART READY order-streams} once
 * the topology first runs, and exits non-zero when it cannot start or its stream threads fail.
 */
public final class OrderStreamsMain {

    private static final String SERVICE_NAME = "order-streams";

    private OrderStreamsMain() {}

    public static void main(String[] args) {
        StreamsService.run(SERVICE_NAME, Settings.fromEnvironment(), settings -> {
            OrderStreamsConfig config = OrderStreamsConfig.from(settings);
            OrderStreamsApplication app = OrderStreamsApplication.create(config,
                    new SchemaRegistryClient(config.schemaRegistryUrl()));
            // StreamsService closes the topology on shutdown; the query endpoint goes with it.
            Runtime.getRuntime().addShutdownHook(new Thread(app::stopQueries, SERVICE_NAME + "-queries-shutdown"));
            app.serveQueries();
            return app.streams();
        });
    }
}
