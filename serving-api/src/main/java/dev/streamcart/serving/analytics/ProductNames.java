package dev.streamcart.serving.analytics;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;

/**
 * Names and SKUs of the products a report lists, in one PostgreSQL query for the whole page, so a
 * business user reads names rather than ids. A product unknown to the catalogue (its ClickHouse or
 * alert rows came from elsewhere) still gets the name it was sold under, from its newest order
 * line; only a product never seen at all is named by its id.
 */
public final class ProductNames {

    /** What a report shows for one product. {@code sku} is null when only an id is known. */
    public record ProductName(String name, @Nullable String sku) {}

    private final Transactions transactions;

    public ProductNames(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** A name for every id asked for (never a missing key). */
    public Map<Long, ProductName> of(Collection<Long> productIds) {
        Map<Long, ProductName> names = new HashMap<>();
        if (productIds.isEmpty()) {
            return names;
        }
        transactions.read(connection -> {
            Array ids = connection.createArrayOf("bigint", productIds.stream().distinct().toArray());
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT asked.id,
                           COALESCE(p.name, (SELECT oi.product_name FROM order_items oi WHERE oi.product_id = asked.id
                                             ORDER BY oi.id DESC LIMIT 1)),
                           COALESCE(p.sku, (SELECT oi.product_sku FROM order_items oi WHERE oi.product_id = asked.id
                                            ORDER BY oi.id DESC LIMIT 1))
                    FROM unnest(?::bigint[]) AS asked(id) LEFT JOIN products p ON p.id = asked.id""")) {
                select.setArray(1, ids);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String name = row.getString(2);
                        if (name != null) {
                            names.put(row.getLong(1), new ProductName(name, row.getString(3)));
                        }
                    }
                }
            }
            return names;
        });
        for (Long productId : productIds) {
            names.computeIfAbsent(productId, id -> new ProductName("Product " + id, null));
        }
        return names;
    }
}
