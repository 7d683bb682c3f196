package dev.streamcart.serving.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.readmodels.ReadModel;

/**
 * Orders with their status history, as order-streams' view holds them (asked of the instance that
 * owns the order), not as PostgreSQL holds them: the view shows what the event pipeline has
 * processed.
 */
public final class OrderViews {

    public record Item(long productId, int quantity, String unitPrice) {}

    public record StatusChange(String status, Instant at) {}

    public record View(long id, long userId, String status, List<Item> items, String total, String currency,
                       List<StatusChange> history) {}

    /** A view with the parties of its order (which never change), so access can be decided without PostgreSQL. */
    public record Found(View view, long buyerId, Set<Long> sellerIds) {}

    private final ReadModel<OrderView> readModel;

    public OrderViews(ReadModel<OrderView> readModel) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
    }

    public Optional<View> find(long orderId) {
        return Optional.ofNullable(readModel.get(Topics.key(orderId))).map(OrderViews::toView);
    }

    /** The view as it is now, without waiting for the pipeline, with the order's buyer and sellers. */
    public Optional<Found> findWithParties(long orderId) {
        return Optional.ofNullable(readModel.get(Topics.key(orderId))).map(view -> new Found(toView(view), view.getUserId(),
                view.getItems().stream().map(OrderLine::getSellerId).collect(Collectors.toUnmodifiableSet())));
    }

    /**
     * Read-your-own-write: for an order known to exist (it is committed in PostgreSQL), waits up to
     * {@code wait} for the pipeline to bring its view, instead of answering "not found" for an order
     * the caller just placed.
     */
    public Optional<View> awaitView(long orderId, Duration wait) {
        return Optional.ofNullable(readModel.await(Topics.key(orderId), wait)).map(OrderViews::toView);
    }

    /** The API's shape of an order-streams view. */
    public static View toView(OrderView view) {
        List<Item> items = view.getItems().stream()
                .map(line -> new Item(line.getProductId(), line.getQuantity(), Money.formatCents(line.getUnitPriceCents())))
                .toList();
        List<StatusChange> history = view.getHistory().stream()
                .map(change -> new StatusChange(change.getStatus().name(), change.getAt()))
                .toList();
        return new View(view.getOrderId(), view.getUserId(), view.getStatus().name(), items,
                Money.formatCents(view.getTotalCents()), view.getCurrency(), history);
    }
}
