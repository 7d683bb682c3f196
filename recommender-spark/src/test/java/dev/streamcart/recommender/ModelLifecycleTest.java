package dev.streamcart.recommender;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.config.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import picocli.CommandLine;

/**
 * Promotion history, rollback and A/B experiments on a models folder of hand-made complete
 * versions: no Spark and no database needed, only the files serving-api reads.
 */
class ModelLifecycleTest {

    private static final String A = "v20261101-000000-000";
    private static final String B = "v20261102-000000-000";
    private static final String C = "v20261103-000000-000";
    private static final String UNFINISHED = "v20261104-000000-000";

    private Path models;

    private record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void modelsFolderWithThreeCompleteVersions(TestInfo test) throws IOException {
        models = Path.of("target", "it-data", "lifecycle", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        Folders.delete(models);
        for (String version : List.of(A, B, C)) {
            Files.createDirectories(models.resolve(version));
            Files.writeString(models.resolve(version).resolve("model.json"), "{}");
            Files.createFile(models.resolve(version).resolve("_SUCCESS"));
        }
        Files.createDirectories(models.resolve(UNFINISHED));
    }

    @Test
    void rollbackWalksBackThroughThePromotions() throws IOException {
        assertThat(cli("promote", A).exitCode()).isZero();
        assertThat(cli("promote", B).exitCode()).isZero();
        assertThat(cli("promote", C).exitCode()).isZero();
        assertThat(history()).containsExactly(A, B, C);

        Run first = cli("rollback");
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("rolled back from " + C + " to " + B);
        assertThat(current()).isEqualTo(B);
        assertThat(history()).containsExactly(A, B);

        assertThat(cli("rollback").exitCode()).isZero();
        assertThat(current()).isEqualTo(A);

        Run nothingLeft = cli("rollback");
        assertThat(nothingLeft.exitCode()).isEqualTo(1);
        assertThat(nothingLeft.err()).contains("no earlier promotion");
        assertThat(current()).isEqualTo(A);
        assertNoTemporaryFilesLeft();
    }

    @Test
    void rollbackWithoutHistoryRefusesAndKeepsCurrent() throws IOException {
        Files.writeString(models.resolve("CURRENT"), B + "\n");

        Run run = cli("rollback");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(current()).isEqualTo(B);
    }

    @Test
    void anExperimentNamesVariantBAndItsShareOnOneLine() throws IOException {
        cli("promote", A);

        Run start = cli("experiment", "start", B, "--share", "0.2");

        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).contains(B + " serves 20% of users as variant B, " + A + " the rest");
        assertThat(Files.readString(models.resolve("EXPERIMENT"))).isEqualTo(B + " 0.2\n");
        assertThat(cli("experiment", "status").out()).contains(B + " share 0.2");
        assertNoTemporaryFilesLeft();

        Run stop = cli("experiment", "stop");
        assertThat(stop.out()).contains("experiment stopped");
        assertThat(models.resolve("EXPERIMENT")).doesNotExist();
        assertThat(cli("experiment", "stop").out()).contains("no experiment was running");
    }

    @Test
    void anExperimentNeedsACompleteVersionAndAShareBetweenZeroAndOne() {
        for (String share : List.of("0", "1", "1.5", "-0.1")) {
            Run run = cli("experiment", "start", B, "--share", share);
            assertThat(run.exitCode()).as(share).isEqualTo(1);
            assertThat(run.err()).contains("share must be in (0, 1)");
        }
        Run unfinished = cli("experiment", "start", UNFINISHED, "--share", "0.5");
        assertThat(unfinished.exitCode()).isEqualTo(1);
        assertThat(unfinished.err()).contains("incomplete");
        assertThat(cli("experiment", "start", "v20000101-000000-000").exitCode()).isEqualTo(1);
        assertThat(models.resolve("EXPERIMENT")).doesNotExist();
    }

    private String current() throws IOException {
        return Files.readString(models.resolve("CURRENT")).strip();
    }

    private List<String> history() throws IOException {
        return Files.readAllLines(models.resolve("HISTORY")).stream().map(line -> line.split(" ")[0]).toList();
    }

    private void assertNoTemporaryFilesLeft() throws IOException {
        try (Stream<Path> files = Files.list(models)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private Run cli(String... args) {
        CommandLine commandLine = RecommenderCli.commandLine(Settings.of(Map.of("recommender.models-dir", models.toString(),
                "platform.data-dir", models.resolveSibling("platform").toString())));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }
}
