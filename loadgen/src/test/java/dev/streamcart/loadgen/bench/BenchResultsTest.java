package dev.streamcart.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultsTest {

    static BenchResults results() {
        BenchmarkRecord checkout = Aggregation.summarize(AggregationTest.CHECKOUT, List.of(
                AggregationTest.run(1, AggregationTest.figures(600, 40), null),
                AggregationTest.run(2, AggregationTest.figures(500, 90), null),
                AggregationTest.run(3, Map.of(), "exit code 1: seller 1 is not verified yet")), "java -Xmx512m ...");
        return new BenchResults("a746006-dirty", 2, "2026-12-07T05:00:00Z", "2026-12-07T05:10:00Z", 0.4, 2.1, false, 3,
                false, List.of(checkout.withCharts(List.of("checkout-figures.png"))));
    }

    @Test
    void jsonHoldsTheMachineTheCommitAndOneObjectPerBenchmarkWithItsMedians() throws IOException {
        JsonNode json = new ObjectMapper().readTree(results().json());

        assertThat(json.path("commit").asText()).isEqualTo("a746006-dirty");
        assertThat(json.path("cores").asInt()).isEqualTo(2);
        assertThat(json.path("loadAverageStart").asDouble()).isEqualTo(0.4);
        assertThat(json.path("loadAverageEnd").asDouble()).isEqualTo(2.1);
        assertThat(json.path("smoke").asBoolean()).isFalse();
        assertThat(json.path("runs").asInt()).isEqualTo(3);
        JsonNode checkout = json.path("benchmarks").get(0);
        assertThat(checkout.path("name").asText()).isEqualTo("checkout");
        assertThat(checkout.path("passed").asBoolean()).isFalse();
        assertThat(checkout.path("figures").path("checkout.orders_per_s").asDouble()).isEqualTo(550.0);
        assertThat(checkout.path("runs")).hasSize(3);
        assertThat(checkout.path("runs").get(0).path("loadAverageBefore").asDouble()).isEqualTo(0.5);
        assertThat(checkout.path("runs").get(0).path("figures").path("checkout.p99_ms").asDouble()).isEqualTo(40.0);
        assertThat(checkout.path("runs").get(2).path("failure").asText()).contains("not verified");
        assertThat(checkout.path("command").asText()).startsWith("java -Xmx512m");
        assertThat(checkout.path("charts").get(0).asText()).isEqualTo("checkout-figures.png");
    }

    @Test
    void writtenResultsReadBackTheSame(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("results.json");
        results().write(file);

        assertThat(BenchResults.read(file)).isEqualTo(results());
        assertThat(Files.list(folder)).containsExactly(file);
    }
}
