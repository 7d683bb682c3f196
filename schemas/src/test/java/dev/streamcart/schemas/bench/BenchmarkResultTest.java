package dev.streamcart.schemas.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkResultTest {

    @TempDir
    Path folder;

    @Test
    void aWrittenResultReadsBackEqual() throws Exception {
        BenchmarkResult.Chart chart = new BenchmarkResult.Chart("checkout-latency", "Checkout latency", "seconds", "ms",
                List.of(new BenchmarkResult.Line("p99", List.of(new BenchmarkResult.Point(1, 12.5),
                        new BenchmarkResult.Point(2, 14)))));
        BenchmarkResult result = BenchmarkResult.builder("checkout")
                .figure("checkout.orders_per_s", 612.4)
                .figure("checkout.p99_ms", 88)
                .chart(chart)
                .note("16 clients")
                .build("java -cp 'loadgen/target/lib/*' Checkout --clients 16");
        Path file = folder.resolve("out/checkout.json");

        result.write(file);

        assertThat(BenchmarkResult.read(file)).isEqualTo(result);
        assertThat(folder.resolve("out")).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void aFigureMustBeAFiniteNumberUnderAStableName() {
        assertThatThrownBy(() -> BenchmarkResult.builder("x").figure("checkout.p99_ms", Double.NaN).build("c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> BenchmarkResult.builder("x").figure("Checkout p99", 1).build("c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("area.figure");
    }
}
