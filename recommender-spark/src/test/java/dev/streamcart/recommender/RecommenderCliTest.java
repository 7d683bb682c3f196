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

import javax.imageio.ImageIO;

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
        firstTraining = cli("postgres", modelsDir, "train", "--rank", Integer.toString(RANK), "--iterations", "10",
                "--promote-if-better");
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
    void trainPrintsItsProgressOnStderrAndItsResultOnStdout() {
        assertThat(firstTraining.err())
                .contains("reading purchases from")
                .contains("clickstream: Kafka not configured")
                .contains("evaluating on a hold-out (last 20% of the time range)")
                .contains("60 users, 45 items")
                .contains("training implicit ALS on all the events: rank 10");
        assertThat(firstTraining.out())
                .contains("wrote model " + version)
                .contains("promoted " + version + ": first model");
    }

    @Test
    void theFirstModelIsPromotedAndRecordedInTheHistory() throws IOException {
        assertThat(Files.readString(modelsDir.resolve("CURRENT")).strip()).isEqualTo(version);
        assertThat(Files.readAllLines(modelsDir.resolve("HISTORY"))).singleElement().asString().startsWith(version + " ");
    }

    @Test
    void everyRunIsEvaluatedAgainstTheBaselinesAndReported() throws IOException {
        Path folder = modelsDir.resolve(version);
        JsonNode metrics = new ObjectMapper().readTree(folder.resolve("model.json").toFile()).path("metrics");
        for (String model : List.of("", "popularity.", "categoryPopularity.", "cooccurrence.")) {
            for (String metric : List.of("precision@10", "recall@10", "ndcg@10", "map@10", "coverage@10")) {
                assertThat(metrics.path(model + metric).isNumber()).as(model + metric).isTrue();
                assertThat(metrics.path(model + metric).asDouble()).as(model + metric).isBetween(0.0, 1.0);
            }
        }
        assertThat(metrics.path("evaluatedUsers").asInt()).isPositive();
        // three clusters buying in their own group only: ALS finds the group, popularity mostly cannot
        assertThat(metrics.path("ndcg@10").asDouble()).isGreaterThan(metrics.path("popularity.ndcg@10").asDouble());

        String report = Files.readString(folder.resolve("report.md"));
        assertThat(report).contains("# " + version).contains("## Parameters").contains("## Data")
                .contains("## Evaluation on a time-based hold-out").contains("| als |").contains("| popularity |")
                .contains("| categoryPopularity |").contains("| cooccurrence |").contains("## Timings")
                .contains("![metrics](metrics.png)");
        byte[] png = Files.readAllBytes(folder.resolve("metrics.png"));
        assertThat(png).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(ImageIO.read(folder.resolve("metrics.png").toFile()).getWidth()).isEqualTo(900);
    }

    @Test
    void cooccurrenceListsEachProductsMostCoBoughtProductsBestFirst() throws IOException {
        List<String> lines = Files.readAllLines(modelsDir.resolve(version).resolve("cooccurrence.tsv"));
        assertThat(lines).hasSize(45);
        for (String line : lines) {
            assertThat(line).matches("\\d+\t\\d+:\\d+(,\\d+:\\d+)*");
            long product = Long.parseLong(line.split("\t")[0]);
            String[] neighbours = line.split("\t")[1].split(",");
            assertThat(neighbours.length).isBetween(1, 50);
            List<Integer> counts = new ArrayList<>();
            for (String neighbour : neighbours) {
                long other = Long.parseLong(neighbour.split(":")[0]);
                assertThat(other).isNotEqualTo(product);
                // paid orders never cross clusters: nothing else is ever bought together
                assertThat(PlantedTastes.clusterOfProduct(other)).isEqualTo(PlantedTastes.clusterOfProduct(product));
                counts.add(Integer.parseInt(neighbour.split(":")[1]));
            }
            assertThat(counts).isSortedAccordingTo(Comparator.reverseOrder());
        }
    }

    @Test
    void aWorseModelIsNotPromoted() throws IOException {
        Path models = FOLDER.resolve("if-better-models");
        copyRecursively(modelsDir.resolve(version), models.resolve(version));
        Files.writeString(models.resolve("CURRENT"), version + "\n");

        Run worse = cli("postgres", models, "train", "--rank", "1", "--iterations", "1", "--promote-if-better");

        assertThat(worse.exitCode()).as(worse.err()).isZero();
        assertThat(worse.err()).contains("refitting " + version + "'s parameters on the same hold-out");
        assertThat(worse.out()).contains("not promoted: ").contains(version + " stays current");
        assertThat(Files.readString(models.resolve("CURRENT")).strip()).isEqualTo(version);
    }

    @Test
    void evaluateRewritesAVersionsReportOnCurrentData() throws IOException {
        Path models = FOLDER.resolve("evaluate-models");
        copyRecursively(modelsDir.resolve(version), models.resolve(version));
        Files.delete(models.resolve(version).resolve("report.md"));

        Run evaluate = cli("postgres", models, "evaluate", version, "--holdout-days", "10");

        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("als ").contains("popularity ").contains("cooccurrence ");
        assertThat(Files.readString(models.resolve(version).resolve("report.md")))
                .contains("re-evaluation on the data of").contains("last 10.0 days");
        JsonNode model = new ObjectMapper().readTree(models.resolve(version).resolve("model.json").toFile());
        assertThat(model.path("metrics").path("ndcg@10").isNumber()).isTrue();
        assertThat(model.path("metrics").path("trainingSeconds").isNumber()).isTrue();
    }

    @Test
    void sweepPrintsAndWritesATableSortedByNdcg() throws IOException {
        Path output = FOLDER.resolve("sweep.md");

        Run sweep = cli("postgres", FOLDER.resolve("sweep-models"), "sweep", "--ranks", "2,8", "--reg-params", "0.05",
                "--alphas", "10", "--iterations", "5", "--output", output.toString());

        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        assertThat(sweep.err()).contains("[1/2] rank 2").contains("[2/2] rank 8");
        List<String> rows = sweep.out().lines().filter(line -> line.startsWith("| ") && !line.startsWith("| model")).toList();
        assertThat(rows).hasSize(5);
        // the NDCG column found by its header, so that a new parameter column does not shift it
        List<String> header = List.of(sweep.out().lines().filter(line -> line.startsWith("| model")).findFirst()
                .orElseThrow().split("\\|"));
        int ndcgColumn = header.indexOf(" ndcg@10 ");
        assertThat(ndcgColumn).isPositive();
        List<Double> ndcgs = rows.stream().map(row -> Double.parseDouble(row.split("\\|")[ndcgColumn].strip())).toList();
        assertThat(ndcgs).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(Files.readString(output)).startsWith("# Parameter sweep").contains(rows.get(0));
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
