package dev.streamcart.serving.pricing;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Tax rates from {@code tax_rates}: the most specific row wins, (region, category), then (region),
 * then ('default', category), then ('default'); no row at all is 0 %. An unknown or absent region
 * falls to the default rows.
 */
public final class TaxRates {

    public static final String DEFAULT_REGION = "default";

    private TaxRates() {}

    /** The rate per category id for a destination region. */
    public static Map<Long, BigDecimal> forRegion(Connection connection, @Nullable String region, Set<Long> categoryIds)
            throws SQLException {
        Array ids = connection.createArrayOf("bigint", categoryIds.toArray(Long[]::new));
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT c.category_id,
                       (SELECT t.rate FROM tax_rates t
                        WHERE t.region IN (?, 'default') AND (t.category_id = c.category_id OR t.category_id IS NULL)
                        ORDER BY t.region = 'default', t.category_id IS NULL
                        LIMIT 1)
                FROM unnest(?::bigint[]) AS c(category_id)""")) {
            select.setString(1, region == null ? DEFAULT_REGION : region);
            select.setArray(2, ids);
            Map<Long, BigDecimal> rates = new HashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    BigDecimal rate = row.getBigDecimal(2);
                    rates.put(row.getLong(1), rate == null ? BigDecimal.ZERO : rate);
                }
            }
            return rates;
        } finally {
            ids.free();
        }
    }
}
