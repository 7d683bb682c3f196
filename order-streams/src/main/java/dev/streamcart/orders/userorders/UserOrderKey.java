package dev.streamcart.orders.userorders;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The key of one order in its user's list: {@code <userId>/<Long.MAX_VALUE - placedAt>/<Long.MAX_VALUE - orderId>},
 * each part zero-padded to 19 digits. Stores sort keys by their bytes, so a user's orders are
 * contiguous and sorted newest placing first, ties by the higher order id first; a range scan from
 * the user's prefix reads the newest N in O(N).
 *
 * @param placedAt the order's placing, epoch millis: the time of the view's first history entry
 */
public record UserOrderKey(long userId, long placedAt, long orderId) {

    private static final String DIGITS = "%019d";
    private static final char SEPARATOR = '/';
    /** Sorts after every digit: the upper bound of a user's range. */
    private static final char AFTER_DIGITS = '~';

    /**
     * Partitions the by-user repartition topic by the user part of the key, exactly as the default
     * partitioner partitions {@code Topics.key(userId)} (murmur2 of its UTF-8 bytes), so
     * {@code queryMetadataForKey(store, Topics.key(userId), stringSerializer)} names the owner.
     */
    public static <V> StreamPartitioner<String, V> byUser() {
        return (topic, key, value, partitions) -> Optional.of(Set.of(
                Utils.toPositive(Utils.murmur2(userKey(key).getBytes(StandardCharsets.UTF_8))) % partitions));
    }

    public UserOrderKey {
        if (userId < 0 || placedAt < 0 || orderId < 0) {
            throw new IllegalArgumentException("userId, placedAt and orderId must be >= 0, were " + userId + ", "
                    + placedAt + ", " + orderId);
        }
    }

    public static UserOrderKey of(OrderView view) {
        Objects.requireNonNull(view, "view");
        long placedAt = view.getHistory().isEmpty()
                ? view.getUpdatedAt().toEpochMilli()
                : view.getHistory().get(0).getAt().toEpochMilli();
        return new UserOrderKey(view.getUserId(), placedAt, view.getOrderId());
    }

    /** The store key. */
    public String encoded() {
        return String.format(DIGITS, userId) + SEPARATOR + String.format(DIGITS, Long.MAX_VALUE - placedAt)
                + SEPARATOR + String.format(DIGITS, Long.MAX_VALUE - orderId);
    }

    /** The first key of {@code userId}'s range (inclusive). */
    public static String firstOf(long userId) {
        return String.format(DIGITS, userId) + SEPARATOR;
    }

    /** The last key of {@code userId}'s range (inclusive): nothing of the user sorts after it. */
    public static String lastOf(long userId) {
        return String.format(DIGITS, userId) + SEPARATOR + AFTER_DIGITS;
    }

    /** {@code Topics.key(userId)} of an encoded key, whose owner holds the user's whole list. */
    static String userKey(String encoded) {
        int separator = encoded.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("not a user order key: " + encoded);
        }
        return Topics.key(Long.parseLong(encoded.substring(0, separator)));
    }
}
