package dev.streamcart.ingest.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void moneyBecomesExactCents() {
        Struct row = ChangeRecords.row("products", ChangeRecords.columns(
                "price", "19.99", "big", "9999999999.99", "round", "20", "tiny", "0.10"));

        assertThat(Columns.cents(row, "price")).isEqualTo(1999);
        assertThat(Columns.cents(row, "big")).isEqualTo(999_999_999_999L);
        assertThat(Columns.cents(row, "round")).isEqualTo(2000);
        assertThat(Columns.cents(row, "tiny")).isEqualTo(10);
        assertThat(Columns.toCents(new BigDecimal("0.07"))).isEqualTo(7);
    }

    @Test
    void fractionsOfACentAreRefused() {
        assertThatThrownBy(() -> Columns.toCents(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void timestamptzTextBecomesAnInstant() {
        Struct row = ChangeRecords.row("outbox", ChangeRecords.columns("created_at", "2026-11-26T10:15:30.123456Z"));

        assertThat(Columns.instant(row, "created_at")).isEqualTo(Instant.parse("2026-11-26T10:15:30.123456Z"));
        assertThat(Columns.instant(row, "missing")).isNull();
    }
}
