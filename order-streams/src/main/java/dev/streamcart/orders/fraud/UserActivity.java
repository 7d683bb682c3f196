package dev.streamcart.orders.fraud;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.fraud.FraudSignals;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * One user's recent order activity, oldest first: the orders placed and the cards used to pay,
 * each with the shipping address it went to. Velocity signals are counted from it; entries older
 * than the window are dropped, and the list is capped so one abusive user cannot grow the state
 * without bound.
 */
public record UserActivity(List<Entry> entries) {

    /** More than this within the window is fraud-grade anyway; older entries are dropped first. */
    static final int MAX_ENTRIES = 500;

    /**
     * @param at commit time of the event, epoch millis
     * @param placed true for an order placed, false for a payment attempt with a card
     * @param card card fingerprint of a payment, null for a placing
     * @param address shipping address key of the order, null when unknown
     */
    public record Entry(long at, long orderId, boolean placed, @Nullable String card, @Nullable String address) {}

    public UserActivity {
        entries = List.copyOf(entries);
    }

    public static UserActivity empty() {
        return new UserActivity(List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public UserActivity with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(Objects.requireNonNull(entry, "entry"));
        next.sort(Comparator.comparingLong(Entry::at));
        if (next.size() > MAX_ENTRIES) {
            next = next.subList(next.size() - MAX_ENTRIES, next.size());
        }
        return new UserActivity(next);
    }

    /** Only the entries at or after {@code cutoff}. */
    public UserActivity since(long cutoff) {
        return new UserActivity(entries.stream().filter(entry -> entry.at() >= cutoff).toList());
    }

    public FraudSignals signals(long userId, Instant updatedAt) {
        Set<Long> orders = new HashSet<>();
        Map<String, Set<String>> addressesPerCard = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.placed()) {
                orders.add(entry.orderId());
            } else if (entry.card() != null) {
                Set<String> addresses = addressesPerCard.computeIfAbsent(entry.card(), card -> new HashSet<>());
                if (entry.address() != null) {
                    addresses.add(entry.address());
                }
            }
        }
        int maxAddresses = addressesPerCard.values().stream().mapToInt(Set::size).max().orElse(0);
        return FraudSignals.newBuilder()
                .setUserId(userId)
                .setOrdersLast24h(orders.size())
                .setDistinctCardsLast24h(addressesPerCard.size())
                .setMaxAddressesPerCardLast24h(maxAddresses)
                .setUpdatedAt(updatedAt)
                .build();
    }

    /** Internal state, not a contract between services: a compact binary layout. */
    public static Serde<UserActivity> serde() {
        Serializer<UserActivity> serializer = (topic, activity) -> activity == null ? null : write(activity);
        Deserializer<UserActivity> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(UserActivity activity) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(activity.entries.size());
            for (Entry entry : activity.entries) {
                out.writeLong(entry.at());
                out.writeLong(entry.orderId());
                out.writeBoolean(entry.placed());
                writeNullable(out, entry.card());
                writeNullable(out, entry.address());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static UserActivity read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int size = in.readInt();
            List<Entry> entries = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                entries.add(new Entry(in.readLong(), in.readLong(), in.readBoolean(), readNullable(in), readNullable(in)));
            }
            return new UserActivity(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, @Nullable String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static @Nullable String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
