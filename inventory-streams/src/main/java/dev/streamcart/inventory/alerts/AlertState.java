package dev.streamcart.inventory.alerts;

import java.util.Objects;

/**
 * What has already been raised for a product, kept in the state store (and its changelog) so an
 * alert is raised once per crossing, also across restarts and rebuilds.
 *
 * @param condition the condition last reported
 * @param reorderRaised whether REORDER was raised and available has not yet risen above the reorder point
 */
public record AlertState(StockCondition condition, boolean reorderRaised) {

    public static final AlertState INITIAL = new AlertState(StockCondition.IN_STOCK, false);

    public AlertState {
        Objects.requireNonNull(condition, "condition");
    }
}
