package dev.streamcart.recommender;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.localstack.testing.Folders;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode: the packaged jar, submitted with {@code spark-submit} in client mode to a
 * real standalone Master with one Worker (child JVMs), trains on planted purchases in a real
 * PostgreSQL and writes a complete model folder; the Master's own state shows the application ran
 * there, and the Worker's folder holds its executor. Runs after {@code package} (failsafe), since it
 * needs {@code target/lib}.
 */
class SparkSubmitClusterIT {

    private static final Path LIB = Path.of("target", "lib").toAbsolutePath();
    private static final Path FOLDER = Path.of("target", "it-data", "cluster").toAbsolutePath();
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(4);

    private static EmbeddedPostgres postgres;
    private static StandaloneCluster cluster;
    private static Path modelsDir;
    private static int exitCode;
    private static String submitLog;

    @BeforeAll
    static void submitTrainToACluster() throws Exception {
        StandaloneCluster.requireDirectory(LIB);
        Folders.delete(FOLDER);
        Files.createDirectories(FOLDER);
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(FOLDER.resolve("pg-work").toFile())
                .setDataDirectory(FOLDER.resolve("pg-data"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            PlantedTastes.createOrderTables(connection);
            PlantedTastes.insertHistory(connection, 11);
        }
        cluster = new StandaloneCluster(LIB, FOLDER); // assigned first: a failed start is still stopped in @AfterAll
        cluster.start();
        modelsDir = FOLDER.resolve("models");
        List<String> submit = new ArrayList<>(List.of("-Xmx512m", "org.apache.spark.deploy.SparkSubmit",
                "--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--conf", "spark.executor.memory=512m", "--conf", "spark.cores.max=2",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--class", RecommenderCli.class.getName(), moduleJar().toString(),
                "train", "--jdbc-url", postgres.getJdbcUrl("postgres", "postgres"),
                "--models-dir", modelsDir.toString(), "--data-dir", FOLDER.resolve("data").toString(),
                "--rank", "10", "--iterations", "5", "--promote-if-better"));
        exitCode = cluster.run("spark-submit", submit, SUBMIT_TIMEOUT);
        submitLog = Files.readString(cluster.log("spark-submit"));
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void trainSubmittedToTheClusterWritesAndPromotesACompleteModel() throws IOException {
        assertThat(exitCode).as(submitLog).isZero();
        assertThat(submitLog).contains("starting Spark (" + cluster.masterUrl() + ")");
        String version = Files.readString(modelsDir.resolve("CURRENT")).strip();
        Path folder = modelsDir.resolve(version);
        for (String file : List.of("model.json", "user-factors.tsv", "item-factors.tsv", "popular.tsv", "cooccurrence.tsv",
                "report.md", "metrics.png", "_SUCCESS")) {
            assertThat(folder.resolve(file)).as(file).isRegularFile();
        }
        JsonNode model = new ObjectMapper().readTree(folder.resolve("model.json").toFile());
        assertThat(model.path("version").asText()).isEqualTo(version);
        assertThat(model.path("rank").asInt()).isEqualTo(10);
        assertThat(model.path("trainedOn").path("users").asInt()).isEqualTo(PlantedTastes.CLUSTERS * PlantedTastes.USERS_PER_CLUSTER);
        assertThat(model.path("metrics").path("ndcg@10").isNumber()).isTrue();
        List<String> users = Files.readAllLines(folder.resolve("user-factors.tsv"));
        assertThat(users).hasSize(PlantedTastes.CLUSTERS * PlantedTastes.USERS_PER_CLUSTER);
        // id, a tab, then the rank's factors separated by spaces
        assertThat(users.get(0).split("\t")[1].split(" ")).hasSize(10);
        assertThat(Files.readString(folder.resolve("report.md"))).contains("# " + version).contains("| als |");
    }

    @Test
    void theMasterRanTheApplicationOnItsWorker() throws Exception {
        JsonNode state = cluster.masterState();
        JsonNode completed = state.path("completedapps");
        assertThat(completed.isArray()).as(state.toString()).isTrue();
        assertThat(completed).as(state.toString()).anySatisfy(app -> {
            assertThat(app.path("name").asText()).isEqualTo("streamcart-recommender");
            assertThat(app.path("state").asText()).isEqualTo("FINISHED");
        });
        // the Worker launched an executor for it: app-<id>/<executor>/stderr under its work folder
        String appId = completed.get(0).path("id").asText();
        Path appFolder = cluster.workerFolder().resolve(appId);
        assertThat(appFolder).isDirectory();
        try (Stream<Path> executors = Files.list(appFolder)) {
            assertThat(executors.filter(executor -> Files.isRegularFile(executor.resolve("stderr"))).count()).isPositive();
        }
    }

    private static Path moduleJar() throws IOException {
        try (Stream<Path> jars = Files.list(LIB)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("recommender-spark-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no recommender-spark jar in " + LIB));
        }
    }
}
