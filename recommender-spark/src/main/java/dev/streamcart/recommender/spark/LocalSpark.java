package dev.streamcart.recommender.spark;

import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for the recommender: {@code local[*]} inside this JVM on embedded defaults,
 * bound to 127.0.0.1, no UI, scratch files under the data folder. On a cluster (a
 * {@code spark://} master, or spark-submit, which sets {@code spark.master} before main runs and so
 * becomes the CLI's default) the driver keeps Spark's own address choice, since executors must reach it.
 */
public final class LocalSpark {

    private LocalSpark() {}

    public static SparkSession start(String master, Path scratchFolder) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("streamcart-recommender")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.local.dir", scratchFolder.resolve("local").toString())
                .config("spark.sql.warehouse.dir", scratchFolder.resolve("warehouse").toUri().toString())
                // a few cores: 200 shuffle partitions of a few thousand rows each only cost scheduling
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.session.timeZone", "UTC");
        if (master.startsWith("local")) {
            builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}
