package dev.streamcart.recommender;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.recommender.interactions.ClickstreamOffsets;
import dev.streamcart.recommender.interactions.ClickstreamSource;
import dev.streamcart.recommender.interactions.OffsetRange;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Training on views and cart adds from a real Kafka topic (Avro through a real schema registry)
 * next to purchases in a real PostgreSQL: users who only viewed products of one group get that
 * group on top, with purchases and without any.
 */
class ClickstreamTrainingTest {

    private static final int RANK = 10;
    private static final Path FOLDER = Path.of("target", "it-data", "clickstream").toAbsolutePath();

    private static LocalInfrastructure infra;
    private static int purchasedLines;

    private record Run(int exitCode, String out, String err, Path models) {

        Path onlyVersion() throws IOException {
            try (Stream<Path> versions = Files.list(models)) {
                return versions.filter(Files::isDirectory).findFirst().orElseThrow();
            }
        }

        JsonNode trainedOn() throws IOException {
            return new ObjectMapper().readTree(onlyVersion().resolve("model.json").toFile()).path("trainedOn");
        }
    }

    @BeforeAll
    static void startInfrastructure() throws Exception {
        Folders.delete(FOLDER);
        infra = LocalInfrastructure.builder(FOLDER.resolve("infra")).postgres().schemaRegistry().topics().start();
        try (Connection connection = infra.postgres().getConnection(); Statement statement = connection.createStatement()) {
            PlantedTastes.createOrderTables(connection);
            purchasedLines = PlantedTastes.insertHistory(connection, 7);
            statement.execute("CREATE DATABASE no_purchases");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("no_purchases"), infra.postgresUser(),
                infra.postgresPassword())) {
            PlantedTastes.createOrderTables(connection);
        }
        PlantedClicks.produce(infra.bootstrapServers(), infra.schemaRegistryUrl(), 11);
    }

    @AfterAll
    static void stopInfrastructure() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void viewersAndBuyersAreLearnedTogether() throws IOException {
        Run run = train("postgres", "with-purchases");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("clickstream: " + expectedRecords() + " records in 3 partitions");
        JsonNode trainedOn = run.trainedOn();
        assertThat(trainedOn.path("purchases").asLong()).isEqualTo(purchasedLines);
        assertThat(trainedOn.path("views").asLong()).isEqualTo(PlantedClicks.viewers() * PlantedClicks.VIEWS_PER_USER);
        assertThat(trainedOn.path("cartAdds").asLong()).isEqualTo(PlantedClicks.viewers() * PlantedClicks.CART_ADDS_PER_USER);
        long buyers = (long) PlantedTastes.CLUSTERS * PlantedTastes.USERS_PER_CLUSTER;
        assertThat(trainedOn.path("users").asLong()).isEqualTo(buyers + PlantedClicks.viewers());

        Map<Long, float[]> users = RecommenderCliTest.factors(run.onlyVersion().resolve("user-factors.tsv"));
        Map<Long, float[]> items = RecommenderCliTest.factors(run.onlyVersion().resolve("item-factors.tsv"));
        assertThat(users).hasSize((int) (buyers + PlantedClicks.viewers()));
        assertThat(viewersWithOwnClusterOnTop(users, items)).isGreaterThanOrEqualTo(27);
    }

    @Test
    void viewsAloneAreEnoughToTrain() throws IOException {
        Run run = train("no_purchases", "views-only");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("purchases: none yet");
        JsonNode trainedOn = run.trainedOn();
        assertThat(trainedOn.path("purchases").asLong()).isZero();
        assertThat(trainedOn.path("users").asLong()).isEqualTo(PlantedClicks.viewers());
        Map<Long, float[]> users = RecommenderCliTest.factors(run.onlyVersion().resolve("user-factors.tsv"));
        Map<Long, float[]> items = RecommenderCliTest.factors(run.onlyVersion().resolve("item-factors.tsv"));
        assertThat(users).hasSize((int) PlantedClicks.viewers());
        assertThat(viewersWithOwnClusterOnTop(users, items)).isGreaterThanOrEqualTo(27);
    }

    @Test
    void aMissingOrEmptyTopicIsNoClickstream() {
        ClickstreamOffsets.Snapshot missing = ClickstreamOffsets.capture(
                new ClickstreamSource(infra.bootstrapServers(), infra.schemaRegistryUrl(), "no-such-topic"), 1000);
        ClickstreamOffsets.Snapshot empty = ClickstreamOffsets.capture(
                new ClickstreamSource(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.ORDER_EVENTS.name()), 1000);

        assertThat(missing.topicExists()).isFalse();
        assertThat(empty.topicExists()).isTrue();
        assertThat(empty.records()).isZero();
    }

    @Test
    void longPartitionsAreSplitIntoRangesThatCoverEveryOffsetOnce() {
        ClickstreamOffsets.Snapshot snapshot = ClickstreamOffsets.capture(
                new ClickstreamSource(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.CLICKSTREAM.name()), 7);

        assertThat(snapshot.records()).isEqualTo(expectedRecords());
        assertThat(snapshot.ranges()).allSatisfy(range -> assertThat(range.size()).isBetween(1L, 7L));
        assertThat(snapshot.ranges().size()).isGreaterThan(3);
        Map<Integer, Long> nextOffset = new HashMap<>();
        for (OffsetRange range : snapshot.ranges()) {
            // ranges come in partition and offset order, each starting where the previous one ended
            assertThat(range.from()).isEqualTo(nextOffset.getOrDefault(range.partition(), 0L));
            nextOffset.put(range.partition(), range.until());
        }
        assertThat(nextOffset.keySet()).containsExactlyInAnyOrder(0, 1, 2);
    }

    /** Every event produced, the noise included: the topic holds them all, training keeps some. */
    private static long expectedRecords() {
        return PlantedClicks.viewers() * (PlantedClicks.VIEWS_PER_USER + PlantedClicks.CART_ADDS_PER_USER + 3 * 2 + 1);
    }

    private static int viewersWithOwnClusterOnTop(Map<Long, float[]> users, Map<Long, float[]> items) {
        int pure = 0;
        for (long user = PlantedClicks.FIRST_VIEWER; user < PlantedClicks.FIRST_VIEWER + PlantedClicks.viewers(); user++) {
            float[] factors = users.get(user);
            assertThat(factors).as("factors of viewer " + user).isNotNull();
            List<Long> top5 = items.entrySet().stream()
                    .sorted(Comparator.comparingDouble((Map.Entry<Long, float[]> item) -> -RecommenderCliTest.dot(factors, item.getValue())))
                    .limit(5).map(Map.Entry::getKey).toList();
            int cluster = PlantedClicks.clusterOfViewer(user);
            if (top5.stream().allMatch(product -> PlantedTastes.clusterOfProduct(product) == cluster)) {
                pure++;
            }
        }
        return pure;
    }

    private static Run train(String database, String name) {
        Path models = FOLDER.resolve(name);
        Map<String, String> settings = new HashMap<>();
        settings.put("postgres.jdbc-url", jdbcUrl(database));
        settings.put("postgres.user", infra.postgresUser());
        settings.put("postgres.password", infra.postgresPassword());
        settings.put("kafka.bootstrap-servers", infra.bootstrapServers());
        settings.put("schema-registry.url", infra.schemaRegistryUrl());
        settings.put("recommender.models-dir", models.toString());
        settings.put("platform.data-dir", FOLDER.resolve("platform").toString());
        CommandLine commandLine = RecommenderCli.commandLine(Settings.of(settings));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute("train", "--rank", Integer.toString(RANK), "--no-evaluate");
        return new Run(exitCode, out.toString(), err.toString(), models);
    }

    private static String jdbcUrl(String database) {
        String url = infra.jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + database;
    }
}
