package dev.streamcart.serving.health;

import java.util.ArrayList;
import java.util.List;

import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.analytics.SalesPerMinute;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.readmodels.TopicChangeFeed;
import dev.streamcart.serving.recommendations.ModelRepository;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import dev.streamcart.serving.wiring.KafkaConnection;
import io.javalin.config.RoutesConfig;
import org.jspecify.annotations.Nullable;

/**
 * Health of every part the API depends on: public and terse on {@code /health}, with each part's
 * detail for operators on {@code /api/admin/health}, and liveness alone on {@code /health/live}.
 */
public record HealthFeature(HealthEndpoints endpoints) implements Feature {

    /**
     * Opens the Kafka probes (with Kafka); {@code sales} is null without ClickHouse, and the order
     * views and stock read models are the ones the API serves.
     */
    public static HealthFeature start(ApiInfrastructure infrastructure, ReadModel<StockLevel> stock,
                                      ReadModel<OrderView> orders, @Nullable SalesPerMinute sales,
                                      @Nullable ClickHouseSettings clickHouse, ModelRepository models) {
        KafkaConnection kafka = infrastructure.kafka();
        @Nullable KafkaProbe kafkaProbe = null;
        @Nullable OutboxDeadLetters deadLetters = null;
        if (kafka != null) {
            kafkaProbe = infrastructure.lifecycle().add(new KafkaProbe(kafka.bootstrapServers()));
            deadLetters = infrastructure.lifecycle().add(new OutboxDeadLetters(kafka.bootstrapServers()));
        }
        KafkaProbe probe = kafkaProbe;
        OutboxDeadLetters parked = deadLetters;
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(new HealthCheck("postgres", true, () -> Probes.postgres(infrastructure.dataSource())));
        checks.add(new HealthCheck("kafka", true, () -> probe == null
                ? ComponentHealth.disabled("no kafka.bootstrap-servers configured") : probe.check()));
        // not required: a parked outbox row needs an operator, but the API itself still serves
        checks.add(new HealthCheck("deadLetters", false, () -> parked == null
                ? ComponentHealth.disabled("no kafka.bootstrap-servers configured") : parked.check()));
        checks.add(new HealthCheck("stockReadModel", true, stock::health));
        checks.add(new HealthCheck("orderReadModel", true, orders::health));
        // not required: until the feeds follow their topics, caches are bypassed or bounded by their TTL
        checks.add(new HealthCheck("changeFeeds", false, () -> {
            List<TopicChangeFeed<?>> changeFeeds = kafka == null ? List.of() : kafka.changeFeeds();
            return changeFeeds.isEmpty()
                    ? ComponentHealth.disabled("no Kafka configured")
                    : changeFeeds.stream().allMatch(TopicChangeFeed::isLive)
                            ? ComponentHealth.up(changeFeeds.size() + " topics followed")
                            : ComponentHealth.down("not yet following every change topic");
        }));
        checks.add(new HealthCheck("clickhouse", true, () -> sales == null || clickHouse == null
                ? ComponentHealth.disabled("no clickhouse.url configured")
                : sales.ping() ? ComponentHealth.up() : ComponentHealth.down("no answer to ping at " + clickHouse.url())));
        checks.add(new HealthCheck("recommender", false, () -> Probes.recommender(models)));
        return new HealthFeature(new HealthEndpoints(checks));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/health", endpoints::get); // public: each part's status, never its detail
        routes.get("/health/live", HealthEndpoints::live);
        routes.get("/api/admin/health", endpoints::detailed, Role.ADMIN); // the details, for operators
    }
}
