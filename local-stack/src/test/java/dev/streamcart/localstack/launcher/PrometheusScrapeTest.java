package dev.streamcart.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    private static final String TEXT = """
            # HELP streamcart_checkout_outcomes_total checkouts by outcome, refusals by reason
            # TYPE streamcart_checkout_outcomes_total counter
            streamcart_checkout_outcomes_total{outcome="placed",reason="none",service="serving-api"} 12.0
            streamcart_checkout_outcomes_total{outcome="refused",reason="insufficient-stock",service="serving-api"} 3.0
            streamcart_checkout_outcomes_total{outcome="refused",reason="price-changed",service="serving-api"} 2.0
            streamcart_cdc_slot_lag_bytes{service="ingest-cdc",slot="streamcart_cdc"} NaN
            streamcart_cdc_lag_seconds_max{service="ingest-cdc"} 0.042
            process_uptime_seconds 12.5
            odd_label{text="a \\"quoted\\", comma"} 1.0
            """;

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        PrometheusScrape scrape = PrometheusScrape.parse(TEXT);

        assertThat(scrape.sum("streamcart_checkout_outcomes_total", Map.of("outcome", "refused"))).hasValue(5.0);
        assertThat(scrape.sum("streamcart_checkout_outcomes_total", Map.of("outcome", "placed"))).hasValue(12.0);
        assertThat(scrape.sum("streamcart_checkout_outcomes_total", Map.of("outcome", "failed"))).isEmpty();
        assertThat(scrape.max("streamcart_cdc_lag_seconds_max")).hasValue(0.042);
        assertThat(scrape.max("process_uptime_seconds")).hasValue(12.5);
    }

    @Test
    void aNotANumberSampleCountsAsAbsentAndEscapedLabelsAreRead() {
        PrometheusScrape scrape = PrometheusScrape.parse(TEXT);

        assertThat(scrape.max("streamcart_cdc_slot_lag_bytes")).isEmpty();
        assertThat(scrape.sum("odd_label", Map.of("text", "a \"quoted\", comma"))).hasValue(1.0);
    }
}
