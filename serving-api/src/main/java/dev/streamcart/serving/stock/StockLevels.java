package dev.streamcart.serving.stock;

import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.readmodels.ReadModelUnavailableException;

/**
 * Real-time stock per product, from inventory-streams' view (hot products from a bounded cache that
 * the {@code stock-levels} changes keep current, the rest asked of the instance that owns the
 * product): never a PostgreSQL query.
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

    /**
     * Whether the read model knows the product has no unit left to sell. Unknown is not "sold out",
     * and neither is a view that cannot answer right now: this filters suggestions, it reserves nothing.
     */
    public boolean isSoldOut(long productId) {
        try {
            StockLevel level = readModel.get(Topics.key(productId));
            return level != null && level.getAvailable() <= 0;
        } catch (ReadModelUnavailableException e) {
            return false;
        }
    }
}
