package dev.streamcart.serving.orders.tracking;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import dev.streamcart.schemas.order.OrderView;
import org.jspecify.annotations.Nullable;

/**
 * Which orders each user has, kept in memory beside the order-views replica: it follows every
 * change the replica applies (a tombstone removes the order), so listing a user's orders is a map
 * lookup rather than a scan of every order.
 */
public final class UserOrderIndex implements BiConsumer<String, @Nullable OrderView> {

    private final Map<Long, Set<Long>> ordersByUser = new ConcurrentHashMap<>();
    private final Map<Long, Long> userByOrder = new ConcurrentHashMap<>();

    /** Called by the replica, on its thread, for each order view stored or removed. */
    @Override
    public void accept(String orderKey, @Nullable OrderView view) {
        long orderId;
        try {
            orderId = Long.parseLong(orderKey);
        } catch (NumberFormatException e) {
            return;   // not an order key; the replica keeps it, the index cannot place it
        }
        Long previousUser = view == null ? userByOrder.remove(orderId) : userByOrder.put(orderId, view.getUserId());
        if (previousUser != null && (view == null || previousUser != view.getUserId())) {
            ordersByUser.computeIfPresent(previousUser, (user, orders) -> {
                orders.remove(orderId);
                return orders.isEmpty() ? null : orders;
            });
        }
        if (view != null) {
            ordersByUser.compute(view.getUserId(), (user, orders) -> {
                Set<Long> next = orders == null ? ConcurrentHashMap.newKeySet() : orders;
                next.add(orderId);
                return next;
            });
        }
    }

    /** The ids of the user's orders, in no particular order. */
    public Set<Long> ordersOf(long userId) {
        Set<Long> orders = ordersByUser.get(userId);
        return orders == null ? Set.of() : Set.copyOf(orders);
    }
}
