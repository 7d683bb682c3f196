package dev.streamcart.analytics.sales;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;

/**
 * RowBinary encoding of {@code sales_per_minute} rows (minute DateTime, category_id UInt64,
 * orders UInt64, units UInt64, revenue_cents Int64, version UInt64): little-endian fixed-width
 * integers, DateTime as UInt32 seconds since the epoch. Binary, so the minute needs no time zone
 * to be parsed in: it is the UTC minute whatever the server's zone.
 */
final class SalesRowEncoding {

    private static final int ROW_BYTES = 4 + 5 * 8;

    private SalesRowEncoding() {}

    static byte[] rowBinary(Collection<SalesRow> rows) {
        ByteBuffer buffer = ByteBuffer.allocate(rows.size() * ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (SalesRow row : rows) {
            buffer.putInt((int) row.minuteEpochSecond()); // UInt32: the two's-complement bits are the unsigned value
            buffer.putLong(row.categoryId());
            buffer.putLong(row.orders());
            buffer.putLong(row.units());
            buffer.putLong(row.revenueCents());
            buffer.putLong(row.version());
        }
        return buffer.array();
    }
}
