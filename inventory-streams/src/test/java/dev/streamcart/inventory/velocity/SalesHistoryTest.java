package dev.streamcart.inventory.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SalesHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void nothingSeenMeansNoVelocityAndNoCover() {
        SalesVelocity velocity = SalesHistory.none().velocityAt(T0);
        assertThat(velocity).isEqualTo(SalesVelocity.NONE);
        assertThat(velocity.daysOfCover(10)).isNull();
    }

    @Test
    void windowsOf24HoursAndSevenDaysEndAtTheNewestChange() {
        SalesHistory history = SalesHistory.none()
                .record(T0, 70)                                   // 6 days before now
                .record(T0.plus(Duration.ofDays(5)), 20)          // 1 day before now: outside 24 h
                .record(T0.plus(Duration.ofDays(6)).minusSeconds(1800), 14);

        SalesVelocity velocity = history.velocityAt(T0.plus(Duration.ofDays(6)));

        assertThat(velocity.unitsLast24h()).isEqualTo(14);
        assertThat(velocity.unitsLast7d()).isEqualTo(104);
        assertThat(velocity.unitsPerDay()).isEqualTo(104 / 6.0);
        assertThat(velocity.daysOfCover(52)).isEqualTo(3.0);
    }

    @Test
    void hoursOlderThanSevenDaysAreDropped() {
        SalesHistory history = SalesHistory.none().record(T0, 50).record(T0.plus(Duration.ofDays(8)), 7);

        assertThat(history.unitsByHour()).hasSize(1);
        assertThat(history.velocityAt(T0.plus(Duration.ofDays(8))).unitsLast7d()).isEqualTo(7);
        assertThat(history.velocityAt(T0.plus(Duration.ofDays(8))).unitsPerDay()).isEqualTo(1.0);
    }

    @Test
    void aShortHistoryIsSpreadOverOneDayAtLeast() {
        SalesHistory history = SalesHistory.none().record(T0, 0).record(T0.plus(Duration.ofHours(2)), 12);

        assertThat(history.velocityAt(T0.plus(Duration.ofHours(2))).unitsPerDay()).isEqualTo(12.0);
    }
}
