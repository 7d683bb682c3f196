package dev.streamcart.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchmarkRegistryTest {

    @Test
    void benchmarksRunInTheRegistryOrderWhateverTheOrderAsked() {
        assertThat(BenchmarkRegistry.select(List.of("stock_freshness", "checkout")))
                .extracting(BenchmarkDefinition::name).containsExactly("checkout", "stock_freshness");
    }

    @Test
    void noSelectionRunsThemAllWithCheckoutBeforeTheFreshnessBenchmarks() {
        assertThat(BenchmarkRegistry.names()).containsExactly("streams", "flink", "training", "recommendations",
                "read_paths", "checkout", "stock_freshness", "dashboard_freshness", "spike", "failover");
        assertThat(BenchmarkRegistry.select(List.of())).hasSize(10);
    }

    @Test
    void anUnknownNameIsRefusedWithTheList() {
        assertThatThrownBy(() -> BenchmarkRegistry.select(List.of("read_paths", "latency")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown benchmark latency")
                .hasMessageContaining("streams, flink, training");
    }

    @Test
    void onlyTheFreshnessBenchmarksTakeTheBackgroundRate() {
        assertThat(BenchmarkRegistry.all().stream().filter(BenchmarkDefinition::takesBackgroundRate))
                .extracting(BenchmarkDefinition::name).containsExactly("stock_freshness", "dashboard_freshness");
    }
}
