package dev.streamcart.serving.sellers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;

/**
 * A seller's revenue, units, commission and net payout, computed from PostgreSQL: ClickHouse's
 * {@code sales_per_minute} is per category only, and a per-seller ClickHouse table would need a
 * change to the analytics job, so the order tables are the source (the query reads the seller's
 * items through {@code order_items_seller_idx}).
 *
 * <p>Counted: items of orders placed in {@code [from, to)} that were paid (PAID, FULFILLING, SHIPPED,
 * DELIVERED, PARTIALLY_REFUNDED), less the units refunded; fully refunded, cancelled, failed and
 * unpaid orders count for nothing. The commission is the seller's current rate (rates are not
 * kept per order yet) on the revenue, rounded half-even to the cent, per currency.
 */
public final class SellerSales {

    public static final String SOURCE = "postgresql";
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    public static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final Transactions transactions;

    public SellerSales(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public SellerSalesReport report(long sellerId, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw DomainException.invalidInput("query parameter 'from' must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw DomainException.invalidInput("the window from 'from' to 'to' must be at most 366 days");
        }
        return transactions.read(connection -> {
            BigDecimal rate;
            try (PreparedStatement select = connection.prepareStatement("SELECT commission_rate FROM sellers WHERE id = ?")) {
                select.setLong(1, sellerId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.notFound("seller", sellerId);
                    }
                    rate = row.getBigDecimal(1);
                }
            }
            List<SalesTotals> totals = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    WITH sold AS (
                        SELECT o.id AS order_id, o.currency, oi.unit_price,
                               oi.quantity - coalesce((SELECT sum(ri.quantity) FROM refund_items ri
                                                       WHERE ri.order_item_id = oi.id), 0) AS units
                        FROM order_items oi JOIN orders o ON o.id = oi.order_id
                        WHERE oi.seller_id = ? AND o.created_at >= ? AND o.created_at < ?
                          AND o.status IN ('PAID', 'FULFILLING', 'SHIPPED', 'DELIVERED', 'PARTIALLY_REFUNDED'))
                    SELECT currency, count(DISTINCT order_id), sum(units), sum(units * unit_price)
                    FROM sold WHERE units > 0 GROUP BY currency ORDER BY currency""")) {
                select.setLong(1, sellerId);
                select.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                select.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        BigDecimal revenue = rows.getBigDecimal(4).setScale(2, RoundingMode.UNNECESSARY);
                        BigDecimal commission = revenue.multiply(rate).movePointLeft(2).setScale(2, RoundingMode.HALF_EVEN);
                        totals.add(new SalesTotals(rows.getString(1).trim(), rows.getLong(2), rows.getLong(3),
                                Money.format(revenue), Money.format(commission), Money.format(revenue.subtract(commission))));
                    }
                }
            }
            return new SellerSalesReport(sellerId, from, to, Money.format(rate), SOURCE, totals);
        });
    }
}
