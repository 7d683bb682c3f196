package dev.streamcart.loadgen.seeding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The disk a seed will take across the whole platform, estimated per entity before anything is
 * written. Each figure counts the PostgreSQL rows with their indexes and WAL, the Kafka copies of
 * the change events and clicks, and the derived state (read models, ClickHouse). Measured: seeding
 * 22k products, 22k users, 110k orders and 1.05M clicks grew the data folder to 2.7 GB (about
 * 2.3 GB over an empty platform); these figures give 2.4 GB for it. A seed that would not fit is
 * refused rather than left half-written.
 */
public record DiskEstimate(long bytes) {

    static final long BYTES_PER_PRODUCT = 4_000;
    static final long BYTES_PER_USER = 1_500;
    static final long BYTES_PER_ORDER = 16_000;
    static final long BYTES_PER_CLICK = 500;
    /** Left free after the seed, so that the platform keeps running. */
    static final long HEADROOM_BYTES = 2L * 1024 * 1024 * 1024;

    public static DiskEstimate of(SeedSize size) {
        return new DiskEstimate(size.products() * BYTES_PER_PRODUCT + size.users() * BYTES_PER_USER
                + size.orders() * BYTES_PER_ORDER + size.expectedClicks() * BYTES_PER_CLICK);
    }

    /** Whether {@code freeBytes} hold the seed and the headroom. */
    public boolean fitsIn(long freeBytes) {
        return bytes + HEADROOM_BYTES <= freeBytes;
    }

    /** Free bytes of the file system that holds {@code folder} (its nearest existing parent). */
    public static long freeBytes(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException("no existing folder above " + folder);
        }
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + existing, e);
        }
    }

    public static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
