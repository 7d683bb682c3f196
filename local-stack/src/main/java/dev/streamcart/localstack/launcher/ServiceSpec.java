package dev.streamcart.localstack.launcher;

import java.util.List;
import java.util.Objects;

/**
 * How to run one service of the platform as a child JVM.
 *
 * @param jvmOptions options placed before the class path, after the launcher's own ({@code -Xmx} and the like)
 */
public record ServiceSpec(String name, String module, String mainClass, String heap, List<String> jvmOptions,
                          List<String> arguments) {

    /**
     * The module openings Spark needs on Java 17, as Spark's own launcher ({@code JavaModuleOptions})
     * adds them for spark-submit. Without them a training run works until memory runs short: Spark
     * then spills cached blocks through Kryo, which fails on {@code java.nio.HeapByteBuffer}.
     */
    static final List<String> SPARK_MODULE_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(heap, "heap");
        jvmOptions = List.copyOf(jvmOptions);
        arguments = List.copyOf(arguments);
    }

    private ServiceSpec(String name, String module, String mainClass, String heap, List<String> arguments) {
        this(name, module, mainClass, heap, List.of(), arguments);
    }

    public static final ServiceSpec KAFKA = new ServiceSpec("kafka", "local-stack",
            "dev.streamcart.localstack.infra.KafkaBrokerMain", "512m", List.of());
    public static final ServiceSpec POSTGRES_MIGRATIONS = new ServiceSpec("postgres-migrations", "serving-api",
            "dev.streamcart.serving.ServingApiMain", "256m", List.of("migrate"));
    public static final ServiceSpec CLICKHOUSE_MIGRATIONS = new ServiceSpec("clickhouse-migrations", "analytics-flink",
            "dev.streamcart.schemas.clickhouse.ClickHouseMigrationsMain", "256m", List.of());
    public static final ServiceSpec INGEST_CDC = new ServiceSpec("ingest-cdc", "ingest-cdc",
            "dev.streamcart.ingest.IngestCdcMain", "384m", List.of());
    public static final ServiceSpec INVENTORY_STREAMS = new ServiceSpec("inventory-streams", "inventory-streams",
            "dev.streamcart.inventory.InventoryStreamsMain", "384m", List.of());
    public static final ServiceSpec ORDER_STREAMS = new ServiceSpec("order-streams", "order-streams",
            "dev.streamcart.orders.OrderStreamsMain", "384m", List.of());
    public static final ServiceSpec ANALYTICS_FLINK = new ServiceSpec("analytics-flink", "analytics-flink",
            "dev.streamcart.analytics.sales.SalesPerMinuteJob", "768m", List.of());
    /**
     * 704m: a model swap holds two models for a moment, about 160 MB each at a million users and
     * items; the process's RSS is about the heap plus 220 MB, within serving-api's 1 GB bound.
     */
    public static final ServiceSpec SERVING_API = new ServiceSpec("serving-api", "serving-api",
            "dev.streamcart.serving.ServingApiMain", "704m", List.of("serve"));
    public static final ServiceSpec LOADGEN = new ServiceSpec("loadgen", "loadgen",
            "dev.streamcart.loadgen.TrafficSimulatorMain", "256m", List.of());
    /** {@code ./platform seed}: the bulk seeder, run attached against the running platform. */
    public static final ServiceSpec SEEDER = new ServiceSpec("seed", "loadgen",
            "dev.streamcart.loadgen.seeding.SeedMain", "1g", List.of());
    /**
     * 2g: the large profile (14M user-item pairs, a million users and items) trains in it with its
     * hold-out evaluation, peak RSS 2.6 GB; 1g ran out of heap collecting the pairs.
     */
    public static final ServiceSpec RECOMMENDER = new ServiceSpec("recommender", "recommender-spark",
            "dev.streamcart.recommender.RecommenderCli", "2g", SPARK_MODULE_OPTIONS, List.of());

    /** The services that `up` starts after the infrastructure, in start order. */
    public static final List<ServiceSpec> PIPELINE =
            List.of(INGEST_CDC, INVENTORY_STREAMS, ORDER_STREAMS, ANALYTICS_FLINK, SERVING_API);

    public ServiceSpec withArguments(List<String> newArguments) {
        return new ServiceSpec(name, module, mainClass, heap, jvmOptions, newArguments);
    }

    /** The same service under another name: one instance of several (its log, folder and status line). */
    public ServiceSpec withName(String newName) {
        return new ServiceSpec(newName, module, mainClass, heap, jvmOptions, arguments);
    }

    public ServiceSpec withHeap(String newHeap) {
        return new ServiceSpec(name, module, mainClass, newHeap, jvmOptions, arguments);
    }
}
