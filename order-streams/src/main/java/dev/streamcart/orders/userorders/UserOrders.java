package dev.streamcart.orders.userorders;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderView;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads a user's orders, newest placing first, from the store {@link UserOrdersTopology} keeps. */
public final class UserOrders {

    private UserOrders() {}

    /** At most {@code limit} orders of {@code userId}: reads {@code limit} entries, never the whole list. */
    public static List<OrderView> newestFirst(ReadOnlyKeyValueStore<String, OrderView> store, long userId, int limit) {
        Objects.requireNonNull(store, "store");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        List<OrderView> orders = new ArrayList<>(Math.min(limit, 64));
        try (KeyValueIterator<String, OrderView> range = store.range(UserOrderKey.firstOf(userId), UserOrderKey.lastOf(userId))) {
            while (orders.size() < limit && range.hasNext()) {
                orders.add(range.next().value);
            }
        }
        return orders;
    }
}
