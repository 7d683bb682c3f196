package dev.streamcart.recommender.interactions;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Weighted implicit feedback, one row per (user, item): columns {@code user} (int), {@code item}
 * (int, a product id) and {@code rating} (double, the summed weight: a confidence, not a rating).
 *
 * @param events what the rows were computed from: events per signal and their time range
 */
public record Interactions(Dataset<Row> byUserAndItem, InteractionEvents.Summary events) {

    public static final String USER = "user";
    public static final String ITEM = "item";
    public static final String RATING = "rating";
}
