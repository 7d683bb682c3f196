package dev.streamcart.loadgen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void reportNamesTheCommitTheCoresAndTheLoadAverages() {
        String report = MarkdownReport.of(BenchResultsTest.results());

        assertThat(report).contains("Commit **a746006-dirty** on 2 cores")
                .contains("load average 0.40 at the start, 2.10 at the end")
                .contains("uncommitted code");
    }

    @Test
    void eachFigureShowsItsMedianAndEveryRun() {
        String report = MarkdownReport.of(BenchResultsTest.results());

        assertThat(report).contains("| figure | median | run 1 | run 2 | run 3 |")
                .contains("| `checkout.orders_per_s` | **550** | 600 | 500 | - |")
                .contains("| `checkout.p99_ms` | **65** | 40 | 90 | - |")
                .contains("| load average before / after | | 0.50 / 1.50 | 0.50 / 1.50 | 0.50 / 1.50 |");
    }

    @Test
    void aFailedBenchmarkSaysWhyAndShowsItsChart() {
        String report = MarkdownReport.of(BenchResultsTest.results());

        assertThat(report).contains("| [checkout](#checkout) | **FAILED** |")
                .contains("- run 3: exit code 1: seller 1 is not verified yet")
                .contains("![checkout-figures.png](checkout-figures.png)")
                .contains("java -Xmx512m ...");
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertThat(MarkdownReport.number(612.4)).isEqualTo("612");
        assertThat(MarkdownReport.number(2776.3)).isEqualTo("2,776");
        assertThat(MarkdownReport.number(48.25)).isEqualTo("48.3");
        assertThat(MarkdownReport.number(0.183)).isEqualTo("0.18");
        assertThat(MarkdownReport.number(0.038)).isEqualTo("0.0380");
    }
}
