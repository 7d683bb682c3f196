package dev.streamcart.orders.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class UserActivityTest {

    @Test
    void storedActivityReadsBackUnchanged() {
        UserActivity activity = UserActivity.empty()
                .with(new UserActivity.Entry(2_000, 7, false, "card-A", null))
                .with(new UserActivity.Entry(1_000, 7, true, null, "addr-é"));
        Serde<UserActivity> serde = UserActivity.serde();

        UserActivity read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", activity));

        assertThat(read).isEqualTo(activity);
        assertThat(read.entries()).extracting(UserActivity.Entry::at).containsExactly(1_000L, 2_000L);
    }

    @Test
    void activityIsCappedKeepingTheNewest() {
        UserActivity activity = UserActivity.empty();
        for (int i : IntStream.range(0, UserActivity.MAX_ENTRIES + 10).toArray()) {
            activity = activity.with(new UserActivity.Entry(i, i, true, null, null));
        }

        assertThat(activity.entries()).hasSize(UserActivity.MAX_ENTRIES);
        assertThat(activity.entries().get(0).at()).isEqualTo(10);
    }
}
