package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** User vectors are found by id whatever order the trainer wrote them in, and ids are unique. */
class UserFactorsTest {

    @Test
    void vectorsAreFoundByIdInWhateverOrderTheyWereAdded() {
        UserFactors users = new UserFactors.Builder()
                .add(30L, new float[] {3f, 0.5f})
                .add(10L, new float[] {1f, 0.5f})
                .add(20L, new float[] {2f, 0.5f})
                .build();

        assertThat(users.size()).isEqualTo(3);
        assertThat(users.get(10L)).containsExactly(1f, 0.5f);
        assertThat(users.get(20L)).containsExactly(2f, 0.5f);
        assertThat(users.get(30L)).containsExactly(3f, 0.5f);
        assertThat(users.get(15L)).isNull();
        assertThat(new long[] {users.id(0), users.id(1), users.id(2)}).containsExactly(10L, 20L, 30L);
        // a copy: a caller cannot change the model
        users.get(10L)[0] = 99f;
        assertThat(users.get(10L)).containsExactly(1f, 0.5f);
    }

    @Test
    void manyUsersGrowTheArraysWithoutLosingAny() {
        UserFactors.Builder builder = new UserFactors.Builder(1);
        for (long id = 5_000; id > 0; id--) {
            builder.add(id * 2, new float[] {id});
        }
        UserFactors users = builder.build();

        assertThat(users.size()).isEqualTo(5_000);
        assertThat(users.get(2L)).containsExactly(1f);
        assertThat(users.get(10_000L)).containsExactly(5_000f);
        assertThat(users.get(3L)).isNull();
    }

    @Test
    void aUserTwiceOrAWrongRankIsRefused() {
        assertThatThrownBy(() -> new UserFactors.Builder().add(1L, new float[] {1f}).add(1L, new float[] {2f}).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user 1 appears twice");
        assertThatThrownBy(() -> new UserFactors.Builder().add(1L, new float[] {1f}).add(2L, new float[] {1f, 2f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank is 1");
    }
}
