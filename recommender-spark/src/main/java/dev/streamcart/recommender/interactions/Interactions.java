package dev.streamcart.recommender.interactions;

import java.time.Instant;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Weighted implicit feedback, one row per (user, item): columns {@code user} (int), {@code item}
 * (int, a product id) and {@code rating} (double, the summed weight: a confidence, not a rating).
 *
 * @param sourceRows order lines (later: events) the rows were computed from
 * @param from       oldest interaction
 * @param to         newest interaction
 */
public record Interactions(Dataset<Row> byUserAndItem, long sourceRows, Instant from, Instant to) {

    public static final String USER = "user";
    public static final String ITEM = "item";
    public static final String RATING = "rating";
}
