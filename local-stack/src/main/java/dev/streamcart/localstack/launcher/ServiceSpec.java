package dev.streamcart.localstack.launcher;

import java.util.List;
import java.util.Objects;

/** How to run one service of the platform as a child JVM. */
public record ServiceSpec(String name, String module, String mainClass, String heap, List<String> arguments) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(heap, "heap");
        arguments = List.copyOf(arguments);
    }

    public static final ServiceSpec KAFKA = new ServiceSpec("kafka", "local-stack",
            "dev.streamcart.localstack.infra.KafkaBrokerMain", "512m", List.of());
    public static final ServiceSpec POSTGRES_MIGRATIONS = new ServiceSpec("postgres-migrations", "serving-api",
            "dev.streamcart.serving.ServingApiMain", "256m", List.of("migrate"));
    public static final ServiceSpec CLICKHOUSE_MIGRATIONS = new ServiceSpec("clickhouse-migrations", "analytics-flink",
            "dev.streamcart.analytics.clickhouse.ClickHouseMigrationsMain", "256m", List.of());
    public static final ServiceSpec INGEST_CDC = new ServiceSpec("ingest-cdc", "ingest-cdc",
            "dev.streamcart.ingest.IngestCdcMain", "384m", List.of());
    public static final ServiceSpec INVENTORY_STREAMS = new ServiceSpec("inventory-streams", "inventory-streams",
            "dev.streamcart.inventory.InventoryStreamsMain", "384m", List.of());
    public static final ServiceSpec ORDER_STREAMS = new ServiceSpec("order-streams", "order-streams",
            "dev.streamcart.orders.OrderStreamsMain", "384m", List.of());
    public static final ServiceSpec ANALYTICS_FLINK = new ServiceSpec("analytics-flink", "analytics-flink",
            "dev.streamcart.analytics.sales.SalesPerMinuteJob", "768m", List.of());
    public static final ServiceSpec SERVING_API = new ServiceSpec("serving-api", "serving-api",
            "dev.streamcart.serving.ServingApiMain", "512m", List.of("serve"));
    public static final ServiceSpec LOADGEN = new ServiceSpec("loadgen", "loadgen",
            "dev.streamcart.loadgen.TrafficSimulatorMain", "256m", List.of());
    /** {@code ./platform seed}: the bulk seeder, run attached against the running platform. */
    public static final ServiceSpec SEEDER = new ServiceSpec("seed", "loadgen",
            "dev.streamcart.loadgen.seeding.SeedMain", "1g", List.of());
    public static final ServiceSpec RECOMMENDER = new ServiceSpec("recommender", "recommender-spark",
            "dev.streamcart.recommender.RecommenderCli", "1g", List.of());

    /** The services that `up` starts after the infrastructure, in start order. */
    public static final List<ServiceSpec> PIPELINE =
            List.of(INGEST_CDC, INVENTORY_STREAMS, ORDER_STREAMS, ANALYTICS_FLINK, SERVING_API);

    public ServiceSpec withArguments(List<String> newArguments) {
        return new ServiceSpec(name, module, mainClass, heap, newArguments);
    }
}
