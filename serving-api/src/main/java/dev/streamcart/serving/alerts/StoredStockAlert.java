package dev.streamcart.serving.alerts;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stock alert as stored for the dashboard.
 *
 * @param alertId the alert's natural identity, {@code <productId>-<type>-<sourceLsn>}
 * @param sellerId the product's seller; null when the product is unknown to PostgreSQL
 * @param suggestedQuantity units to reorder (REORDER only)
 * @param raisedAt commit time of the inventory change that raised it
 */
public record StoredStockAlert(long id, String alertId, long productId, @Nullable Long sellerId, String type,
        int available, int onHand, int lowStockThreshold, int reorderPoint, @Nullable Integer suggestedQuantity,
        BigDecimal unitsPerDay, long sourceLsn, Instant raisedAt, Instant receivedAt) {}
