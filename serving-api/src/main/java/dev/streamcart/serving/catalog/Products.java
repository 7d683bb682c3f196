package dev.streamcart.serving.catalog;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.serving.db.References;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/** Adds products to the catalog and reads them back. */
public final class Products {

    public record NewProduct(long sellerId, long categoryId, String sku, String name, @Nullable String description,
                             BigDecimal price, String currency) {
        public NewProduct {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(currency, "currency");
            if (price.signum() < 0) {
                throw DomainException.invalidInput("'price' must not be negative");
            }
        }
    }

    private final Transactions transactions;

    public Products(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public long create(NewProduct product) {
        return transactions.inTransaction(connection -> {
            References.requireExists(connection, "sellers", "seller", product.sellerId());
            References.requireExists(connection, "categories", "category", product.categoryId());
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO products (seller_id, category_id, sku, name, description, price, currency)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sku) DO NOTHING RETURNING id""")) {
                insert.setLong(1, product.sellerId());
                insert.setLong(2, product.categoryId());
                insert.setString(3, product.sku());
                insert.setString(4, product.name());
                insert.setString(5, product.description());
                insert.setBigDecimal(6, product.price());
                insert.setString(7, product.currency());
                try (ResultSet row = insert.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.conflict("a product with SKU '" + product.sku() + "' already exists");
                    }
                    return row.getLong(1);
                }
            }
        });
    }

    public Optional<Product> find(long productId) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, seller_id, category_id, sku, name, description, price, currency, is_active
                    FROM products WHERE id = ?""")) {
                select.setLong(1, productId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Product(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4),
                            row.getString(5), row.getString(6), row.getBigDecimal(7), row.getString(8).trim(),
                            row.getBoolean(9)));
                }
            }
        });
    }
}
