package dev.streamcart.recommender.interactions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every signal as one table of raw events, then weighted into {@link Interactions}. Columns of
 * {@link #SCHEMA}: {@code user} and {@code item} (long ids), {@code signal} (a {@link Signal}
 * name), {@code units} (units bought; 1 for a view or cart add) and {@code at} (when it happened).
 */
public final class InteractionEvents {

    public static final String SIGNAL = "signal";
    public static final String UNITS = "units";
    public static final String AT = "at";

    public static final StructType SCHEMA = new StructType()
            .add(Interactions.USER, DataTypes.LongType, false)
            .add(Interactions.ITEM, DataTypes.LongType, false)
            .add(SIGNAL, DataTypes.StringType, false)
            .add(UNITS, DataTypes.IntegerType, false)
            .add(AT, DataTypes.TimestampType, false);

    private InteractionEvents() {}

    /**
     * The clickstream's views and cart adds of known users, read with one Spark partition per
     * offset range (so per Kafka partition, or per slice of a long one).
     */
    public static Dataset<Row> clicks(SparkSession spark, ClickstreamSource source, List<OffsetRange> ranges) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = context.parallelize(ranges, Math.max(1, ranges.size()))
                .mapPartitions(new ClickstreamRangeReader(source));
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** No events of a kind: the other sources are then unioned with this. */
    public static Dataset<Row> none(SparkSession spark) {
        return spark.createDataFrame(List.of(), SCHEMA);
    }

    /**
     * What the events hold, per signal.
     *
     * @param events rows per signal ({@link Signal#PURCHASE}: order lines)
     */
    public record Summary(Map<Signal, Long> events, Instant from, Instant to, long maxUserId, long maxItemId) {

        public Summary {
            events = Map.copyOf(events);
        }

        public long count(Signal signal) {
            return events.getOrDefault(signal, 0L);
        }

        public long total() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One pass over the events: counts per signal, time range and largest ids. */
    public static Summary summarize(Dataset<Row> events) {
        List<Row> perSignal = events.groupBy(col(SIGNAL))
                .agg(count(lit(1)), min(col(AT)), max(col(AT)), max(col(Interactions.USER)), max(col(Interactions.ITEM)))
                .collectAsList();
        Map<Signal, Long> counts = new EnumMap<>(Signal.class);
        Instant from = null;
        Instant to = null;
        long maxUser = 0;
        long maxItem = 0;
        for (Row row : perSignal) {
            counts.put(Signal.valueOf(row.getString(0)), row.getLong(1));
            Instant first = ((Timestamp) row.get(2)).toInstant();
            Instant last = ((Timestamp) row.get(3)).toInstant();
            from = from == null || first.isBefore(from) ? first : from;
            to = to == null || last.isAfter(to) ? last : to;
            maxUser = Math.max(maxUser, row.getLong(4));
            maxItem = Math.max(maxItem, row.getLong(5));
        }
        return new Summary(counts, from == null ? Instant.EPOCH : from, to == null ? Instant.EPOCH : to, maxUser, maxItem);
    }

    /**
     * Weighs the events (per signal, halved every half-life of age counted back from the newest
     * event) and sums them per (user, item) into implicit-feedback confidences.
     *
     * @throws IllegalStateException when an id does not fit Spark ALS's int ids
     */
    public static Interactions weigh(Dataset<Row> events, Summary summary, Weighting weighting) {
        if (summary.maxUserId() > Integer.MAX_VALUE || summary.maxItemId() > Integer.MAX_VALUE) {
            // Spark's ALS takes int ids; mapping larger ids to dense ones is not implemented yet
            throw new IllegalStateException("user or product ids above " + Integer.MAX_VALUE + " are not supported");
        }
        Column perUnit = when(col(SIGNAL).equalTo(Signal.PURCHASE.name()), weighting.weightPerUnit())
                .when(col(SIGNAL).equalTo(Signal.VIEW.name()), weighting.weightPerView())
                .when(col(SIGNAL).equalTo(Signal.CART_ADD.name()), weighting.weightPerCartAdd())
                .otherwise(0.0);
        Column ageDays = lit(summary.to().getEpochSecond()).minus(unix_timestamp(col(AT))).divide(86_400.0);
        Column weight = col(UNITS).multiply(perUnit).multiply(pow(lit(0.5), ageDays.divide(weighting.halfLifeDays())));
        Dataset<Row> byUserAndItem = events
                .groupBy(col(Interactions.USER), col(Interactions.ITEM))
                .agg(sum(weight).as(Interactions.RATING))
                .select(col(Interactions.USER).cast("int").as(Interactions.USER),
                        col(Interactions.ITEM).cast("int").as(Interactions.ITEM), col(Interactions.RATING));
        return new Interactions(byUserAndItem, summary);
    }
}
