package dev.streamcart.recommender.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ALS's user and item blocks follow the cores Spark has: more would only add tasks and shuffled copies. */
class AlsBlocksTest {

    @Test
    void oneBlockPerCoreAtLeastTwo() {
        assertThat(ImplicitAlsTrainer.blocks(2, 2_000_000)).isEqualTo(2);
        assertThat(ImplicitAlsTrainer.blocks(1, 2_000_000)).isEqualTo(2);
        assertThat(ImplicitAlsTrainer.blocks(16, 2_000_000)).isEqualTo(16);
    }

    @Test
    void smallDataKeepsTwoBlocksWhateverTheCores() {
        assertThat(ImplicitAlsTrainer.blocks(16, 199_999)).isEqualTo(2);
    }
}
