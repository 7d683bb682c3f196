package dev.streamcart.orders.fraud;

import static dev.streamcart.orders.OrderStreamsDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.streamcart.orders.OrderStreamsDriver;
import dev.streamcart.orders.deadlines.DeadlineSettings;
import dev.streamcart.schemas.fraud.FraudSignals;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user's fraud signals computed when asked, from the activity store, over the 24 h ending then. */
class CurrentFraudSignalsTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private OrderStreamsDriver streams;
    private KeyValueStore<String, UserActivity> activities;

    @BeforeEach
    void startDriver() {
        // Hourly punctuation at the earliest, and the wall clock is never advanced: only the query's "now" moves.
        streams = new OrderStreamsDriver(new DeadlineSettings(Duration.ofDays(30), Duration.ofDays(30), Duration.ofHours(1)));
        activities = streams.driver().getKeyValueStore(FraudTopology.ACTIVITY_STORE);
    }

    @AfterEach
    void closeDriver() {
        streams.close();
    }

    @Test
    void rightAfterTheLastEventTheSignalsEqualThoseTheTopologyPublished() {
        streams.placed(1, "addr-home", 0);
        streams.paid(1, "card-A", 1_000);
        streams.placed(2, "addr-office", 2_000);
        streams.paid(2, "card-A", 3_000);
        List<FraudSignals> published = streams.fraudSignals.readValuesToList();

        FraudSignals now = CurrentFraudSignals.of(activities, 3, T0.plusMillis(3_000));

        assertThat(now).isEqualTo(published.get(published.size() - 1));
        assertThat(now.getOrdersLast24h()).isEqualTo(2);
        assertThat(now.getDistinctCardsLast24h()).isEqualTo(1);
        assertThat(now.getMaxAddressesPerCardLast24h()).isEqualTo(2);
    }

    @Test
    void activityThatLeftTheWindowSinceTheLastEventNoLongerCounts() {
        streams.placed(1, "addr-home", 0);
        streams.paid(1, "card-A", 1_000);
        streams.placed(2, "addr-office", 10 * HOUR);

        FraudSignals later = CurrentFraudSignals.of(activities, 3, T0.plusMillis(24 * HOUR + 5_000));

        assertThat(later.getOrdersLast24h()).as("order 1 was placed more than 24 h before").isEqualTo(1);
        assertThat(later.getDistinctCardsLast24h()).isZero();
        assertThat(later.getUpdatedAt()).isEqualTo(T0.plusMillis(24 * HOUR + 5_000));
    }

    @Test
    void aUserWithNothingInTheWindowHasNoSignals() {
        streams.placed(1, "addr-home", 0);

        assertThat(CurrentFraudSignals.of(activities, 3, T0.plus(Duration.ofHours(25)))).as("all of it is older").isNull();
        assertThat(CurrentFraudSignals.of(activities, 4, T0)).as("never seen").isNull();
    }
}
