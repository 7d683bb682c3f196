package dev.streamcart.analytics.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LateEventLogTest {

    @Test
    void theFirstLateEventIsLoggedWithItsDetailsAndTheRestAreSummedUpOncePerInterval() {
        LateEventLog log = new LateEventLog("payments", Duration.ofSeconds(10));

        assertThat(log.record("payment of order 1", 1_000)).contains("payment of order 1")
                .contains("analytics.allowed-lateness-ms");
        for (int i = 2; i <= 1_000; i++) {
            assertThat(log.record("payment of order " + i, 1_000 + i)).as("within the interval").isNull();
        }
        String summary = log.record("payment of order 1001", 11_000);

        assertThat(summary).startsWith("1,000 more payments").contains("1,001 since this task started")
                .contains("payment of order 1001");
        assertThat(log.record("payment of order 1002", 11_001)).isNull();
        assertThat(log.dropped()).isEqualTo(1_002);
    }
}
