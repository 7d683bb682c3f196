package dev.streamcart.orders.fraud;

import static dev.streamcart.orders.OrderStreamsDriver.T0;
import static dev.streamcart.orders.OrderStreamsDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.streamcart.orders.OrderStreamsDriver;
import dev.streamcart.orders.deadlines.DeadlineSettings;
import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-user velocity signals from payloads that carry card fingerprints and shipping address keys. */
class FraudSignalsTopologyTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private OrderStreamsDriver streams;

    @BeforeEach
    void startDriver() {
        streams = new OrderStreamsDriver(new DeadlineSettings(Duration.ofDays(30), Duration.ofDays(30), Duration.ofMinutes(1)));
    }

    @AfterEach
    void closeDriver() {
        streams.close();
    }

    private void declined(long orderId, String card, long at) {
        streams.send(OrderEvent.newBuilder(event(orderId, orderId + "-failed", OrderEventType.PAYMENT_FAILED,
                OrderStatus.PAYMENT_FAILED, at)).setCardFingerprint(card).setReason("card declined").build());
    }

    private FraudSignals latest() {
        List<KeyValue<String, FraudSignals>> all = streams.fraudSignals.readKeyValuesToList();
        assertThat(all).isNotEmpty();
        KeyValue<String, FraudSignals> last = all.get(all.size() - 1);
        assertThat(last.key).isEqualTo(Topics.key(3));
        return last.value;
    }

    @Test
    void countsOrdersCardsAndAddressesPerCardOfOneUser() {
        streams.placed(1, "addr-home", 0);
        streams.paid(1, "card-A", 1_000);
        streams.placed(2, "addr-office", 2_000);
        streams.paid(2, "card-A", 3_000);
        streams.placed(3, "addr-drop", 4_000);
        declined(3, "card-B", 5_000);
        streams.placed(4, "addr-home", 6_000);   // not paid yet

        FraudSignals signals = latest();
        assertThat(signals.getUserId()).isEqualTo(3);
        assertThat(signals.getOrdersLast24h()).isEqualTo(4);
        assertThat(signals.getDistinctCardsLast24h()).isEqualTo(2);
        assertThat(signals.getMaxAddressesPerCardLast24h()).as("card-A shipped to home and office").isEqualTo(2);
        assertThat(signals.getUpdatedAt()).isEqualTo(T0.plusMillis(6_000));
    }

    @Test
    void eventsOlderThanTheWindowNoLongerCount() {
        streams.placed(1, "addr-home", 0);
        streams.paid(1, "card-A", 1_000);
        streams.placed(2, "addr-office", 25 * HOUR);
        streams.paid(2, "card-B", 25 * HOUR + 1_000);

        FraudSignals signals = latest();
        assertThat(signals.getOrdersLast24h()).isEqualTo(1);
        assertThat(signals.getDistinctCardsLast24h()).isEqualTo(1);
        assertThat(signals.getMaxAddressesPerCardLast24h()).isEqualTo(1);
    }

    @Test
    void aQuietUserIsExpiredByThePunctuatorAndFinallyTombstoned() {
        streams.placed(1, "addr-home", 0);
        streams.paid(1, "card-A", 1_000);
        streams.placed(2, "addr-office", 2 * HOUR);
        streams.fraudSignals.readValuesToList();

        streams.advanceWallClock(Duration.ofHours(24).plusMinutes(1));   // the first order left the window
        FraudSignals partly = latest();
        assertThat(partly.getOrdersLast24h()).isEqualTo(1);
        assertThat(partly.getDistinctCardsLast24h()).isZero();

        streams.advanceWallClock(Duration.ofHours(3));                  // everything left the window
        List<KeyValue<String, FraudSignals>> last = streams.fraudSignals.readKeyValuesToList();
        assertThat(last).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(Topics.key(3));
            assertThat(record.value).as("tombstone").isNull();
        });
        assertThat(streams.driver().getKeyValueStore(FraudTopology.ACTIVITY_STORE).get(Topics.key(3))).isNull();
    }

    @Test
    void thePunctuatorFindsDueUsersThroughAnIndexThatFollowsEachUsersOldestActivity() {
        KeyValueStore<String, String> index = streams.driver().getKeyValueStore(FraudTopology.ACTIVITY_EXPIRY_STORE);
        streams.placed(1, "addr-home", 0);
        streams.placed(2, "addr-home", 2 * HOUR);
        assertThat(keys(index)).containsExactly(dueAt(0) + "/" + Topics.key(3));

        streams.advanceWallClock(Duration.ofHours(24).plusMinutes(1));
        assertThat(keys(index)).containsExactly(dueAt(2 * HOUR) + "/" + Topics.key(3));

        streams.advanceWallClock(Duration.ofHours(3));
        assertThat(keys(index)).isEmpty();
    }

    @Test
    void activityStoredBeforeTheIndexExistedIsStillExpired() {
        KeyValueStore<String, UserActivity> activities = streams.driver().getKeyValueStore(FraudTopology.ACTIVITY_STORE);
        activities.put(Topics.key(8), UserActivity.empty().with(new UserActivity.Entry(T0.toEpochMilli(), 80, true, null, "addr")));

        streams.advanceWallClock(Duration.ofHours(25));
        List<KeyValue<String, FraudSignals>> records = streams.fraudSignals.readKeyValuesToList();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(Topics.key(8));
            assertThat(record.value).as("tombstone").isNull();
        });
        assertThat(activities.get(Topics.key(8))).isNull();
    }

    @Test
    void anIndexKeyWhoseUserHasNoActivityIsDroppedRatherThanReadForever() {
        KeyValueStore<String, String> index = streams.driver().getKeyValueStore(FraudTopology.ACTIVITY_EXPIRY_STORE);
        streams.placed(1, "addr-home", 0);
        String orphan = dueAt(-24 * HOUR) + "/" + Topics.key(9);
        index.put(orphan, "");

        streams.advanceWallClock(Duration.ofMinutes(2));
        assertThat(keys(index)).containsExactly(dueAt(0) + "/" + Topics.key(3));
    }

    private static String dueAt(long millisAfterT0) {
        return String.format("%020d", T0.toEpochMilli() + millisAfterT0 + Duration.ofHours(24).toMillis());
    }

    private static List<String> keys(KeyValueStore<String, String> store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    @Test
    void eventsWithoutFraudFieldsStillCountOrdersAndRedeliveriesDoNotDoubleCount() {
        streams.send(event(1, "1-placed", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        streams.send(event(1, "1-placed", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        streams.send(event(1, "1-paid", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));   // no fingerprint

        FraudSignals signals = latest();
        assertThat(signals.getOrdersLast24h()).isEqualTo(1);
        assertThat(signals.getDistinctCardsLast24h()).isZero();
        assertThat(signals.getMaxAddressesPerCardLast24h()).isZero();
    }
}
