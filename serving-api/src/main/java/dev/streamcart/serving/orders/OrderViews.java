package dev.streamcart.serving.orders;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.replica.ReadModel;

/**
 * Orders with their status history, as order-streams' {@code order-views} topic reports them
 * (through the in-memory replica), not as PostgreSQL holds them: the view shows what the event
 * pipeline has processed.
 */
public final class OrderViews {

    public record Item(long productId, int quantity, String unitPrice) {}

    public record StatusChange(String status, Instant at) {}

    public record View(long id, long userId, String status, List<Item> items, String total, String currency,
                       List<StatusChange> history) {}

    private final ReadModel<OrderView> readModel;

    public OrderViews(ReadModel<OrderView> readModel) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
    }

    public Optional<View> find(long orderId) {
        OrderView view = readModel.get(Topics.key(orderId));
        if (view == null) {
            return Optional.empty();
        }
        List<Item> items = view.getItems().stream()
                .map(line -> new Item(line.getProductId(), line.getQuantity(), Money.formatCents(line.getUnitPriceCents())))
                .toList();
        List<StatusChange> history = view.getHistory().stream()
                .map(change -> new StatusChange(change.getStatus().name(), change.getAt()))
                .toList();
        return Optional.of(new View(view.getOrderId(), view.getUserId(), view.getStatus().name(), items,
                Money.formatCents(view.getTotalCents()), view.getCurrency(), history));
    }
}
