package dev.streamcart.serving.limits;

/**
 * Open dashboard streams: each reruns its ClickHouse queries every second on one shared thread, so
 * their number is bounded per account and in total.
 *
 * @param maxAnalyticsBuckets the cost bound of every analytics query, streams included: the range
 *     divided by the granularity (a day of minutes is 1,440 buckets)
 */
public record StreamLimits(int maxPerUser, int maxTotal, int maxAnalyticsBuckets) {

    public static final String PREFIX = "api.limits.streams.";
    public static final String MAX_BUCKETS = "api.limits.analytics.max-buckets";

    public StreamLimits {
        if (maxPerUser < 1 || maxTotal < maxPerUser) {
            throw new IllegalArgumentException(PREFIX + "max-per-user must be at least 1 and at most max-total");
        }
        if (maxAnalyticsBuckets < 1) {
            throw new IllegalArgumentException(MAX_BUCKETS + " must be at least 1, was " + maxAnalyticsBuckets);
        }
    }

    /** 5 streams per account, 100 in all, 1,500 buckets per query. */
    public static StreamLimits defaults() {
        return new StreamLimits(5, 100, 1_500);
    }
}
