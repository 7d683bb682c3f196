package dev.streamcart.recommender.benchmark;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.interactions.Signal;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Generated interaction events with planted taste clusters, for the quality test and the training
 * benchmark. User u (1..users) belongs to cluster {@code u % clusters}, product p (1..items) to
 * cluster {@code (p - 1) % clusters}. Each user has about {@code meanPerUser} events: most on
 * products of their own cluster (skewed towards the cluster's first products by {@code skew}: 1 is
 * uniform, 2 gives each cluster clear bestsellers), the {@code noiseShare} rest on products of any cluster (skewed towards high ids, so
 * the shop has global bestsellers, taken from the high ids: products that sell little inside their own
 * cluster). Categories cut across clusters ({@link #categoryOf}), as a
 * catalogue tree does across tastes. Times are spread evenly over {@code days} before {@code end}.
 * Every user's events come from a random seeded by the seed and the user: the data is the same
 * whatever the Spark partitioning.
 */
public record PlantedInteractions(int users, int items, int clusters, int categories, int meanPerUser, double noiseShare,
        double skew, int days, Instant end, long seed) implements Serializable {

    public PlantedInteractions {
        if (users < clusters || items < clusters || clusters < 1 || categories < 1 || meanPerUser < 2 || skew < 1) {
            throw new IllegalArgumentException("planted data needs users and items >= clusters >= 1, categories >= 1,"
                    + " meanPerUser >= 2, skew >= 1");
        }
    }

    /**
     * The training benchmark's shape: 40 categories, a fifth of the events on global bestsellers,
     * skew 1.5 inside a cluster, 90 days up to today (UTC midnight), seed 7.
     */
    public static PlantedInteractions benchmark(int users, int items, int clusters, int meanPerUser) {
        return new PlantedInteractions(users, items, clusters, 40, meanPerUser, 0.2, 1.5, 90,
                Instant.now().truncatedTo(ChronoUnit.DAYS), 7);
    }

    public int clusterOfUser(long user) {
        return (int) (user % clusters);
    }

    public int clusterOfItem(long item) {
        return (int) ((item - 1) % clusters);
    }

    /** Products of a cluster: cluster + 1, cluster + 1 + clusters, ... */
    public int itemsPerCluster(int cluster) {
        return (items - cluster - 1) / clusters + 1;
    }

    public long categoryOf(long item) {
        return ((item - 1) / clusters) % categories + 1;
    }

    public Map<Integer, Long> categoryMap() {
        Map<Integer, Long> categories = new HashMap<>();
        for (int item = 1; item <= items; item++) {
            categories.put(item, categoryOf(item));
        }
        return categories;
    }

    /**
     * How likely one of a user's own-cluster draws is this item (0 for another cluster's item):
     * the inverse of {@link #skewed} over the cluster's index.
     */
    public double inClusterProbability(long item) {
        int cluster = clusterOfItem(item);
        return indexProbability((int) ((item - 1 - cluster) / clusters), itemsPerCluster(cluster), skew);
    }

    /** How likely one noise draw (global bestsellers, counted from the highest id) is this item. */
    public double globalProbability(long item) {
        return indexProbability((int) (items - item), items, 2);
    }

    /** P(skewed(size, skew) == index): the last index also takes the draws the clamp folds into it. */
    private static double indexProbability(int index, int size, double skew) {
        double upper = index == size - 1 ? 1 : Math.pow((index + 1.0) / size, 1 / skew);
        return upper - Math.pow((double) index / size, 1 / skew);
    }

    /** The events as rows of {@link InteractionEvents#SCHEMA}, generated in {@code partitions} Spark tasks. */
    public Dataset<Row> events(SparkSession spark, int partitions) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> userIds = IntStream.rangeClosed(1, users).boxed().toList();
        JavaRDD<Row> rows = context.parallelize(userIds, partitions).flatMap(user -> eventsOf(user).iterator());
        return spark.createDataFrame(rows, InteractionEvents.SCHEMA);
    }

    /** The events of one user. */
    public List<Row> eventsOf(int user) {
        Random random = new Random(seed * 1_000_003L + user);
        int count = meanPerUser / 2 + random.nextInt(meanPerUser);
        int cluster = clusterOfUser(user);
        long spanMillis = Duration.ofDays(days).toMillis();
        List<Row> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long item;
            if (random.nextDouble() < noiseShare) {
                item = items - skewed(random, items, 2); // global bestsellers: the last products of each cluster
            } else {
                item = cluster + 1 + (long) skewed(random, itemsPerCluster(cluster), skew) * clusters;
            }
            double kind = random.nextDouble();
            Signal signal = kind < 0.15 ? Signal.PURCHASE : kind < 0.35 ? Signal.CART_ADD : Signal.VIEW;
            Instant at = end.minusMillis((long) (random.nextDouble() * spanMillis));
            events.add(RowFactory.create((long) user, item, signal.name(), 1, Timestamp.from(at)));
        }
        return events;
    }

    /** An index in [0, size), skewed towards 0: a uniform draw to the power {@code skew} (1: uniform). */
    private static int skewed(Random random, int size, double skew) {
        return Math.min(size - 1, (int) (size * Math.pow(random.nextDouble(), skew)));
    }
}
