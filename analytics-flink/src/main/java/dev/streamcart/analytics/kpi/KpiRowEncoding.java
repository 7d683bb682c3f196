package dev.streamcart.analytics.kpi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * RowBinary encoding of {@link KpiRow}s of one table: little-endian fixed-width integers,
 * DateTime as UInt32 seconds since the epoch (so no server time zone is involved), String as a
 * LEB128 length and UTF-8 bytes, then the version as UInt64.
 */
final class KpiRowEncoding {

    private KpiRowEncoding() {}

    static byte[] rowBinary(KpiTable table, Collection<KpiRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 64);
        for (KpiRow row : rows) {
            if (row.table() != table) {
                throw new IllegalArgumentException("a " + row.table() + " row in a batch of " + table);
            }
            int number = 0;
            int string = 0;
            for (KpiTable.Column column : table.columns()) {
                switch (column.kind()) {
                    case DATETIME -> littleEndian(out, row.numbers()[number++], 4);
                    case UINT64, INT64 -> littleEndian(out, row.numbers()[number++], 8);
                    case STRING -> string(out, row.strings()[string++]);
                    default -> throw new IllegalStateException("unknown kind " + column.kind());
                }
            }
            littleEndian(out, row.version(), 8);
        }
        return out.toByteArray();
    }

    private static void littleEndian(ByteArrayOutputStream out, long value, int bytes) {
        // the two's-complement bits are the unsigned value for UInt32/UInt64
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        long length = utf8.length;
        do {
            int low = (int) (length & 0x7f);
            length >>>= 7;
            out.write(length == 0 ? low : low | 0x80);
        } while (length != 0);
        out.write(utf8, 0, utf8.length);
    }
}
