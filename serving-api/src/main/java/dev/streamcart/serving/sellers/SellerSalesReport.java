package dev.streamcart.serving.sellers;

import java.time.Instant;
import java.util.List;

/**
 * Sales of one seller over {@code [from, to)}. {@code source} says where the figures come from:
 * "postgresql", because ClickHouse's {@code sales_per_minute} is per category, not per seller.
 */
public record SellerSalesReport(long sellerId, Instant from, Instant to, String commissionRate, String source,
                                List<SalesTotals> totals) {}
