package dev.streamcart.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildRunnerTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private ChildRunner runner(Path folder) {
        return new ChildRunner(folder, Map.of("BENCH_TEST", "set"), new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void outputGoesToTheLogAndPrefixedToTheConsole(@TempDir Path folder) throws IOException, InterruptedException {
        Path log = folder.resolve("logs/x-1.log");

        ChildRunner.Outcome outcome = runner(folder).run(List.of("sh", "-c",
                "echo \"figures $BENCH_TEST\"; echo 'no seller' >&2; exit 3"), log, "[x]", Duration.ofMinutes(1));

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.lastError()).isEqualTo("no seller");
        assertThat(Files.readAllLines(log)).containsExactlyInAnyOrder("figures set", "no seller");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("[x] figures set").contains("[x] no seller");
    }

    @Test
    void aChildThatRunsOutOfTimeIsStopped(@TempDir Path folder) throws IOException, InterruptedException {
        ChildRunner.Outcome outcome = runner(folder).run(List.of("sh", "-c", "echo waiting; exec sleep 600"),
                folder.resolve("y-1.log"), "[y]", Duration.ofSeconds(1));

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.seconds()).isLessThan(60);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("[y] [bench] timed out after PT1S");
    }
}
