package dev.streamcart.localstack.launcher.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LongSlotIndexTest {

    @Test
    void numbersKeysInTheOrderTheyFirstCome() {
        LongSlotIndex index = new LongSlotIndex();

        assertThat(index.add(42)).isZero();
        assertThat(index.add(-7)).isEqualTo(1);
        assertThat(index.add(42)).as("a known key keeps its slot").isZero();
        assertThat(index.find(-7)).isEqualTo(1);
        assertThat(index.find(8)).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.key(1)).isEqualTo(-7);
    }

    @Test
    void agreesWithAHashMapOverManyKeysAndRehashes() {
        LongSlotIndex index = new LongSlotIndex();
        Map<Long, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 200_000; i++) {
            // consecutive ids and random ones, as ids and hashes of both kinds occur
            long key = i % 2 == 0 ? i / 2 : random.nextLong();
            int slot = index.add(key);
            assertThat(expected.computeIfAbsent(key, k -> expected.size())).isEqualTo(slot);
        }

        expected.forEach((key, slot) -> {
            assertThat(index.find(key)).isEqualTo(slot);
            assertThat(index.key(slot)).isEqualTo(key);
        });
        assertThat(index.size()).isEqualTo(expected.size());
    }
}
