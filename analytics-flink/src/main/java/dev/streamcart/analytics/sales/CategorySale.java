package dev.streamcart.analytics.sales;

/**
 * What one paid order contributes to one category: its units and revenue in that category.
 * A paid order with lines in three categories makes three contributions.
 */
public record CategorySale(long categoryId, long orderId, long units, long revenueCents, long paidAtMillis) {}
