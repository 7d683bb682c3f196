package dev.streamcart.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.streamcart.schemas.bench.BenchmarkResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchChartsTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void eachBenchmarkGetsItsFiguresChartAndEveryChartOfItsResult(@TempDir Path folder) throws IOException {
        BenchmarkRecord checkout = BenchResultsTest.results().benchmarks().get(0);
        BenchmarkResult result = BenchmarkResult.builder("checkout").figure("checkout.orders_per_s", 600)
                .chart(new BenchmarkResult.Chart("p99 over time", "p99 over time", "s", "ms",
                        List.of(new BenchmarkResult.Line("checkout", List.of(new BenchmarkResult.Point(1, 40),
                                new BenchmarkResult.Point(2, 45))))))
                .build("java Main");

        List<String> files = BenchCharts.write(folder, checkout, Map.of(1, result, 2, result));

        assertThat(files).containsExactly("checkout-figures.png", "checkout-p99-over-time.png");
        BufferedImage figures = ImageIO.read(folder.resolve("checkout-figures.png").toFile());
        assertThat(figures.getWidth()).isEqualTo(720);
        assertThat(ImageIO.read(folder.resolve("checkout-p99-over-time.png").toFile())).isNotNull();
    }
}
