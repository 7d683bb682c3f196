package dev.streamcart.inventory.alerts;

/**
 * A product's numbers over all its live warehouse rows, which is what alerts are about: a seller
 * cares whether the product can still be sold, not whether one warehouse ran dry.
 *
 * @param lowStockThreshold sum of the rows' low-stock thresholds
 * @param reorderPoint sum of the rows' reorder points
 */
public record StockTotals(int onHand, int available, int lowStockThreshold, int reorderPoint) {}
