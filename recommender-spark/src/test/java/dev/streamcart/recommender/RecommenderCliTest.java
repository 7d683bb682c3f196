package dev.streamcart.recommender;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI against a real PostgreSQL (zonky) holding planted taste clusters: {@code train} writes a
 * complete contract-5 folder whose factors recover the clusters, {@code promote} and {@code list}
 * manage versions, and an empty shop trains nothing.
 */
class RecommenderCliTest {

    private static final int RANK = 10;
    private static final Path FOLDER = Path.of("target", "it-data", "recommender").toAbsolutePath();

    private static EmbeddedPostgres postgres;
    private static Path modelsDir;
    private static Run firstTraining;
    private static String version;
    private static int purchasedLines;

    private record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void startPostgresAndTrainOnce() throws Exception {
        Folders.delete(FOLDER);
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(FOLDER.resolve("pg-work").toFile())
                .setDataDirectory(FOLDER.resolve("pg-data"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            PlantedTastes.createOrderTables(connection);
            purchasedLines = PlantedTastes.insertHistory(connection, 7);
            statement.execute("CREATE DATABASE empty_shop");
        }
        try (Connection connection = postgres.getDatabase("postgres", "empty_shop").getConnection()) {
            PlantedTastes.createOrderTables(connection);
        }
        modelsDir = FOLDER.resolve("models");
        firstTraining = cli("postgres", modelsDir, "train", "--rank", Integer.toString(RANK), "--iterations", "10");
        assertThat(firstTraining.exitCode()).as(firstTraining.err()).isZero();
        try (Stream<Path> versions = Files.list(modelsDir)) {
            version = versions.filter(Files::isDirectory).findFirst().orElseThrow().getFileName().toString();
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void trainPrintsItsProgress() {
        assertThat(firstTraining.out())
                .contains("reading purchases from")
                .contains("clickstream: Kafka not configured")
                .contains("60 users, 45 items")
                .contains("training implicit ALS: rank 10")
                .contains("wrote model " + version);
    }

    @Test
    void trainWritesACompleteFolderPerContractFive() throws IOException {
        Path folder = modelsDir.resolve(version);
        assertThat(version).matches("v\\d{8}-\\d{6}-\\d{3}");
        assertThat(folder.resolve("_SUCCESS")).isEmptyFile();

        JsonNode model = new ObjectMapper().readTree(folder.resolve("model.json").toFile());
        assertThat(model.path("version").asText()).isEqualTo(version);
        assertThat(model.path("algorithm").asText()).isEqualTo("implicit-als");
        assertThat(model.path("rank").asInt()).isEqualTo(RANK);
        assertThat(model.path("iterations").asInt()).isEqualTo(10);
        assertThat(model.path("seed").asLong()).isEqualTo(42);
        assertThat(model.has("regParam") && model.has("alpha") && model.has("createdAt") && model.has("metrics")).isTrue();
        assertThat(model.path("trainedOn").path("users").asLong()).isEqualTo(60);
        assertThat(model.path("trainedOn").path("items").asLong()).isEqualTo(45);
        assertThat(model.path("trainedOn").path("from").asText()).isNotBlank();
        assertThat(model.path("trainedOn").path("purchases").asLong()).isEqualTo(purchasedLines);
        assertThat(model.path("trainedOn").path("views").asLong()).isZero();
        assertThat(model.path("trainedOn").path("cartAdds").asLong()).isZero();
        assertThat(model.path("metrics").path("trainingSeconds").isNumber()).isTrue();

        Map<Long, float[]> users = factors(folder.resolve("user-factors.tsv"));
        Map<Long, float[]> items = factors(folder.resolve("item-factors.tsv"));
        assertThat(users).hasSize(60);
        assertThat(items).hasSize(45);
        assertThat(users.values()).allSatisfy(f -> assertThat(f).hasSize(RANK));

        List<String> popular = Files.readAllLines(folder.resolve("popular.tsv"));
        assertThat(popular).hasSize(45);
        List<Double> scores = popular.stream().map(line -> Double.parseDouble(line.split("\t")[1])).toList();
        assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void usersTopItemsByDotProductLieInTheirOwnCluster() throws IOException {
        Map<Long, float[]> users = factors(modelsDir.resolve(version).resolve("user-factors.tsv"));
        Map<Long, float[]> items = factors(modelsDir.resolve(version).resolve("item-factors.tsv"));
        int usersWithPureTop5 = 0;
        for (Map.Entry<Long, float[]> user : users.entrySet()) {
            List<Long> top5 = items.entrySet().stream()
                    .sorted(Comparator.comparingDouble((Map.Entry<Long, float[]> item) -> -dot(user.getValue(), item.getValue())))
                    .limit(5).map(Map.Entry::getKey).toList();
            int cluster = PlantedTastes.clusterOfUser(user.getKey());
            if (top5.stream().allMatch(product -> PlantedTastes.clusterOfProduct(product) == cluster)) {
                usersWithPureTop5++;
            }
        }
        assertThat(usersWithPureTop5).as("users whose 5 best-scored products are all from their own cluster")
                .isGreaterThanOrEqualTo(54);
    }

    @Test
    void promoteAndListManageTheServedVersion() throws IOException {
        Path models = FOLDER.resolve("promote-models");
        copyRecursively(modelsDir.resolve(version), models.resolve(version));
        String incomplete = "v29991231-235959-999"; // newer, but training never finished
        Files.createDirectories(models.resolve(incomplete));

        Run listBefore = cli("postgres", models, "list");
        Run promoteNewest = cli("postgres", models, "promote");
        Run listAfter = cli("postgres", models, "list");
        Run promoteIncomplete = cli("postgres", models, "promote", incomplete);
        Run promoteUnknown = cli("postgres", models, "promote", "v20000101-000000-000");

        assertThat(listBefore.out()).contains(version).doesNotContain("* " + version).contains("(incomplete");
        assertThat(promoteNewest.exitCode()).isZero();
        assertThat(promoteNewest.out()).contains("promoted " + version);
        assertThat(Files.readString(models.resolve("CURRENT")).strip()).isEqualTo(version);
        assertThat(listAfter.out()).contains("* " + version);
        assertThat(promoteIncomplete.exitCode()).isEqualTo(1);
        assertThat(promoteIncomplete.err()).contains("incomplete");
        assertThat(promoteUnknown.exitCode()).isEqualTo(1);
        assertThat(Files.readString(models.resolve("CURRENT")).strip()).isEqualTo(version);
        try (Stream<Path> leftovers = Files.list(models)) {
            assertThat(leftovers.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void anEmptyShopTrainsNothingAndSaysSo() throws IOException {
        Path models = FOLDER.resolve("empty-models");

        Run run = cli("empty_shop", models, "train");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no interactions yet");
        assertThat(Files.exists(models) ? Files.list(models).count() : 0).isZero();
    }

    private static Run cli(String database, Path models, String... args) {
        Map<String, String> settings = new HashMap<>();
        settings.put("postgres.jdbc-url", postgres.getJdbcUrl("postgres", database));
        settings.put("postgres.user", "postgres");
        settings.put("postgres.password", "postgres");
        settings.put("recommender.models-dir", models.toString());
        settings.put("platform.data-dir", FOLDER.resolve("platform").toString());
        CommandLine commandLine = RecommenderCli.commandLine(Settings.of(settings));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static Map<Long, float[]> factors(Path file) throws IOException {
        Map<Long, float[]> factors = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] idAndFactors = line.split("\t");
            String[] values = idAndFactors[1].split(" ");
            float[] vector = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                vector[i] = Float.parseFloat(values[i]);
            }
            factors.put(Long.parseLong(idAndFactors[0]), vector);
        }
        return factors;
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

}
