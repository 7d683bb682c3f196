package dev.streamcart.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class OrderStreamsConfigTest {

    private static final Map<String, String> REQUIRED = Map.of(
            CommonKeys.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:1",
            CommonKeys.SCHEMA_REGISTRY_URL, "http://127.0.0.1:2",
            CommonKeys.DATA_DIR, "target/data");

    @Test
    void deadlinesDefaultToFifteenMinutesAndOneDay() {
        OrderStreamsConfig config = OrderStreamsConfig.from(Settings.of(REQUIRED));

        assertThat(config.deadlines().paymentTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.deadlines().shipSla()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void deadlinesAreIsoDurations() {
        Settings settings = Settings.of(REQUIRED).with(Map.of(
                OrderStreamsConfig.PAYMENT_TIMEOUT, "PT30S",
                OrderStreamsConfig.SHIP_SLA, "PT2H",
                OrderStreamsConfig.DEADLINE_CHECK_INTERVAL, "PT1S"));

        OrderStreamsConfig config = OrderStreamsConfig.from(settings);

        assertThat(config.deadlines().paymentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.deadlines().shipSla()).isEqualTo(Duration.ofHours(2));
        assertThat(config.deadlines().checkInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTimeoutThatIsNotADurationIsRefusedByName() {
        Settings settings = Settings.of(REQUIRED).with(Map.of(OrderStreamsConfig.PAYMENT_TIMEOUT, "15 minutes"));

        assertThatThrownBy(() -> OrderStreamsConfig.from(settings)).hasMessageContaining("orders.payment-timeout");
    }
}
