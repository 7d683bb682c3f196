package dev.streamcart.serving.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class GatewayRetryTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final GatewayRetry retry = new GatewayRetry(4, Duration.ofMillis(50), pauses::add);

    @Test
    void timeoutsAreRetriedWithExponentialBackoffUntilAnAnswer() {
        AtomicInteger calls = new AtomicInteger();

        GatewayRetry.Attempted<String> answer = retry.call("test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new GatewayUnavailableException("timeout");
            }
            return "ok";
        });

        assertThat(answer).isEqualTo(new GatewayRetry.Attempted<>("ok", 3));
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void itGivesUpAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.call("test", () -> {
            calls.incrementAndGet();
            throw new GatewayUnavailableException("timeout");
        })).isInstanceOfSatisfying(GatewayRetry.GaveUp.class, e -> assertThat(e.attempts()).isEqualTo(4));
        assertThat(calls).hasValue(4);
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.call("test", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bad request");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
        assertThat(pauses).isEmpty();
    }
}
