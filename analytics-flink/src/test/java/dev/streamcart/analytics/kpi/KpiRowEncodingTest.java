package dev.streamcart.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class KpiRowEncodingTest {

    @Test
    void writesColumnsInTableOrderWithDateTimeAsFourBytesAndStringsLengthPrefixed() {
        KpiRow row = new KpiRow(KpiTable.FUNNEL, new long[] {0x01020304L, 7, 3}, new String[] {"PAID"}, 9);
        byte[] bytes = KpiRowEncoding.rowBinary(KpiTable.FUNNEL, List.of(row));
        assertThat(bytes).containsExactly(
                4, 3, 2, 1, // minute: UInt32 little-endian
                7, 0, 0, 0, 0, 0, 0, 0, // category_id
                4, 'P', 'A', 'I', 'D', // stage
                3, 0, 0, 0, 0, 0, 0, 0, // events
                9, 0, 0, 0, 0, 0, 0, 0); // version
    }

    @Test
    void stringsOfMoreThan127BytesGetAMultiByteLength() {
        String reason = "x".repeat(300);
        KpiRow row = new KpiRow(KpiTable.PAYMENTS, new long[] {0, 1, 2}, new String[] {"card", "FAILED", reason, "USD"}, 1);
        byte[] bytes = KpiRowEncoding.rowBinary(KpiTable.PAYMENTS, List.of(row));
        int reasonLengthAt = 4 + 1 + 4 + 1 + 6;
        assertThat(bytes[reasonLengthAt] & 0xff).isEqualTo((300 & 0x7f) | 0x80);
        assertThat(bytes[reasonLengthAt + 1]).isEqualTo((byte) (300 >>> 7));
        assertThat(bytes).hasSize(4 + 5 + 7 + 2 + 300 + 4 + 8 + 8 + 8);
    }

    @Test
    void aRowMustMatchItsTablesColumns() {
        assertThatThrownBy(() -> new KpiRow(KpiTable.FUNNEL, new long[] {1}, new String[0], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityIsTheKeyColumnsOnly() {
        KpiRow one = new KpiRow(KpiTable.FUNNEL, new long[] {60, 7, 3}, new String[] {"PAID"}, 3);
        KpiRow later = new KpiRow(KpiTable.FUNNEL, new long[] {60, 7, 5}, new String[] {"PAID"}, 5);
        KpiRow otherStage = new KpiRow(KpiTable.FUNNEL, new long[] {60, 7, 5}, new String[] {"CART_ADD"}, 5);
        assertThat(one.identity()).isEqualTo(later.identity()).isNotEqualTo(otherStage.identity());
    }
}
