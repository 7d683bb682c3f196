package dev.streamcart.serving.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;

/** Registers warehouses, the places stock is held and shipped from. */
public final class Warehouses {

    public record NewWarehouse(String name, @Nullable String region) {
        public NewWarehouse {
            Objects.requireNonNull(name, "name");
        }
    }

    private final Transactions transactions;

    public Warehouses(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public long create(NewWarehouse warehouse) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO warehouses (name, region) VALUES (?, ?) RETURNING id")) {
                insert.setString(1, warehouse.name());
                insert.setString(2, warehouse.region());
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
