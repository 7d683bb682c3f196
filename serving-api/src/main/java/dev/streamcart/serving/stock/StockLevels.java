package dev.streamcart.serving.stock;

import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.replica.ReadModel;

/**
 * Real-time stock per product, read from the replica of inventory-streams' {@code stock-levels}
 * topic: an in-memory lookup, never a PostgreSQL query.
 */
public final class StockLevels {

    private final ReadModel<StockLevel> readModel;

    public StockLevels(ReadModel<StockLevel> readModel) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
    }

    public Optional<StockSnapshot> find(long productId) {
        StockLevel level = readModel.get(Topics.key(productId));
        return level == null ? Optional.empty() : Optional.of(StockSnapshot.of(level));
    }

    /** Whether the read model knows the product has no unit left to sell (unknown is not "sold out"). */
    public boolean isSoldOut(long productId) {
        StockLevel level = readModel.get(Topics.key(productId));
        return level != null && level.getAvailable() <= 0;
    }
}
