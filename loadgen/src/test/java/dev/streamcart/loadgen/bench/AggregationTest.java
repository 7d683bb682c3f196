package dev.streamcart.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AggregationTest {

    static final BenchmarkDefinition CHECKOUT = new BenchmarkDefinition("checkout", BenchClasspath.lib("loadgen"),
            "dev.example.Checkout", List.of("-Xmx512m"), List.of("checkout.orders_per_s", "checkout.p99_ms"),
            Duration.ofMinutes(30), false);

    static RunRecord run(int number, Map<String, Double> figures, @Nullable String failure) {
        return new RunRecord(number, failure == null, failure, failure == null ? 0 : 1, "2026-12-07T05:00:00Z",
                "2026-12-07T05:01:00Z", 60, 0.5, 1.5, figures, List.of("16 clients"), "java -cp x Main --results r",
                failure == null ? "java Main" : null, "logs/checkout-" + number + ".log");
    }

    static Map<String, Double> figures(double ordersPerSecond, double p99) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("checkout.orders_per_s", ordersPerSecond);
        figures.put("checkout.p99_ms", p99);
        return figures;
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Aggregation.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Aggregation.median(List.of(4.0, 1.0, 2.0, 10.0))).isEqualTo(3.0);
    }

    @Test
    void medianOfNothingIsRefused() {
        assertThatThrownBy(() -> Aggregation.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFigureIsTheMedianOverTheRunsThatProducedIt() {
        BenchmarkRecord record = Aggregation.summarize(CHECKOUT, List.of(run(1, figures(600, 40), null),
                run(2, figures(500, 90), null), run(3, figures(700, 60), null)), "java ...");

        assertThat(record.passed()).isTrue();
        assertThat(record.figures()).containsExactly(Map.entry("checkout.orders_per_s", 600.0),
                Map.entry("checkout.p99_ms", 60.0));
        assertThat(record.missingFigures()).isEmpty();
        assertThat(record.benchmarkCommand()).isEqualTo("java Main");
        assertThat(record.notes()).containsExactly("16 clients");
    }

    @Test
    void aFailedRunFailsTheBenchmarkAndTheOthersStillGiveTheMedian() {
        BenchmarkRecord record = Aggregation.summarize(CHECKOUT, List.of(run(1, figures(600, 40), null),
                run(2, Map.of(), "exit code 1: seller 1 is not verified yet"), run(3, figures(700, 60), null)), "java ...");

        assertThat(record.passed()).isFalse();
        assertThat(record.failures()).containsExactly("run 2: exit code 1: seller 1 is not verified yet");
        assertThat(record.figures().get("checkout.orders_per_s")).isEqualTo(650.0);
    }

    @Test
    void requiredFiguresThatAreAbsentOrNotFiniteAreMissing() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("checkout.orders_per_s", Double.NaN);
        figures.put("checkout.extra", 1.0);

        assertThat(Aggregation.missing(CHECKOUT.requiredFigures(), figures))
                .containsExactly("checkout.orders_per_s", "checkout.p99_ms");
    }

    @Test
    void aBenchmarkWithoutAnySuccessfulRunMissesEveryRequiredFigure() {
        BenchmarkRecord record = Aggregation.summarize(CHECKOUT, List.of(run(1, Map.of(), "timed out")), "java ...");

        assertThat(record.passed()).isFalse();
        assertThat(record.missingFigures()).containsExactly("checkout.orders_per_s", "checkout.p99_ms");
        assertThat(record.benchmarkCommand()).isNull();
    }
}
