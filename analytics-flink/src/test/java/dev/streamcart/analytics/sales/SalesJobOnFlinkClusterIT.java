package dev.streamcart.analytics.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import dev.streamcart.analytics.testing.FlinkStandaloneCluster;
import dev.streamcart.analytics.testing.TestFolders;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseMigrator;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.clickhouse.MigrationScripts;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The job jar runs on a real standalone Flink cluster (JobManager and TaskManager processes) as
 * the README documents: {@code flink run -d -c ...SalesPerMinuteJob analytics-flink-*-cluster.jar},
 * configured where it is submitted. The job keeps running after the client exits, and its sales
 * reach ClickHouse exactly.
 */
class SalesJobOnFlinkClusterIT {

    private static final String DATABASE = "flink_cluster_it";

    @Test
    void theClusterJarSubmittedWithFlinkRunKeepsRunningAndWritesExactSales() throws Exception {
        Path folder = TestFolders.fresh("flink-cluster-it");
        Path clusterJar = clusterJar();
        try (LocalInfrastructure infra = LocalInfrastructure.builder(folder.resolve("infra")).kafka().schemaRegistry()
                .clickHouse().topics().start();
             FlinkStandaloneCluster cluster = FlinkStandaloneCluster.start(folder.resolve("flink"), Path.of("target", "lib"))) {
            ClickHouseSettings endpoint = ClickHouseSettings.of(infra.clickHouseUrl(), DATABASE);
            new ClickHouseMigrator(endpoint).migrate(MigrationScripts.fromClasspath(MigrationScripts.DEFAULT_FOLDER));

            Map<String, String> settings = new HashMap<>();
            settings.put(CommonKeys.KAFKA_BOOTSTRAP_SERVERS, infra.bootstrapServers());
            settings.put(CommonKeys.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl());
            settings.put(CommonKeys.CLICKHOUSE_URL, infra.clickHouseUrl());
            settings.put(CommonKeys.CLICKHOUSE_DATABASE, DATABASE);
            settings.put(CommonKeys.DATA_DIR, folder.resolve("client").toString());
            settings.put(SalesJobConfig.CHECKPOINT_DIR, folder.resolve("checkpoints").toUri().toString());
            settings.put(SalesJobConfig.CHECKPOINT_INTERVAL_MS, "2000");
            settings.put(SalesJobConfig.ALLOWED_LATENESS_MS, Long.toString(Duration.ofHours(1).toMillis()));
            String jobId = cluster.submit(clusterJar, SalesPerMinuteJob.class.getName(), settings);
            assertThat(cluster.jobState(jobId)).as("still running after the client exited").isEqualTo("RUNNING");

            Instant firstMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.MINUTES);
            ExpectedSales expected = new ExpectedSales();
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
            try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(properties,
                    Topics.ORDER_EVENTS.keySerde().serializer(),
                    Topics.ORDER_EVENTS.valueSerde(new SchemaRegistryClient(infra.schemaRegistryUrl())).serializer())) {
                for (OrderEvent event : new ShopActivityFixtures(7, 1).shoppers(30, firstMinute, 2).orders()) {
                    producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), Topics.key(event.getOrderId()), event));
                    expected.add(event);
                }
                // an event on every partition past the minutes sent: the watermark closes them
                for (int partition = 0; partition < Topics.ORDER_EVENTS.partitions(); partition++) {
                    OrderEvent tick = OrderEventFixtures.clockTick(9_000_000L + partition, firstMinute.plus(10, ChronoUnit.MINUTES));
                    producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), partition, null,
                            Topics.key(tick.getOrderId()), tick));
                    expected.add(tick);
                }
                producer.flush();
            }

            try (ClickHouseClient clickHouse = ClickHouseClient.open(endpoint)) {
                await("sales_per_minute FINAL equals the events sent (TaskManager log: "
                        + folder.resolve("flink/logs/taskmanager.log") + ")")
                        .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(clickHouse.rows("SELECT toUnixTimestamp(minute), category_id, orders,"
                                + " units, revenue_cents FROM " + DATABASE + ".sales_per_minute FINAL ORDER BY minute, category_id"))
                                .containsExactlyElementsOf(expected.rows()));
            }
            assertThat(cluster.jobState(jobId)).isEqualTo("RUNNING");
            assertThat(cluster.jobExceptions(jobId)).as("the job never failed and restarted").contains("\"entries\":[]");
            assertThat(cluster.log("taskmanager")).as("the job's classes came from the submitted jar")
                    .doesNotContain("ClassNotFoundException");
        }
    }

    private static Path clusterJar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(path -> path.getFileName().toString().matches("analytics-flink-.*-cluster\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no target/analytics-flink-*-cluster.jar: "
                            + "run through Maven's package phase (mvn verify)"));
        }
    }
}
