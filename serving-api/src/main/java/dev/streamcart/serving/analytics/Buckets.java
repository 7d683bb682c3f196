package dev.streamcart.serving.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns sparse per-bucket rows into a series with one entry per bucket of the range, zeros where nothing happened. */
final class Buckets {

    private Buckets() {}

    static <R> List<R> dense(AnalyticsFilter filter, Map<Long, R> byBucket, Function<Instant, R> empty) {
        Granularity granularity = filter.granularity();
        List<R> series = new ArrayList<>();
        long last = filter.to().getEpochSecond() - 1;
        for (long bucket = granularity.floor(filter.from().getEpochSecond()); bucket <= last;
                bucket += granularity.seconds()) {
            R row = byBucket.get(bucket);
            series.add(row != null ? row : empty.apply(Instant.ofEpochSecond(bucket)));
        }
        return series;
    }
}
