package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class VariantSplitTest {

    @Test
    void aUserIsAlwaysInTheSameVariant() {
        for (long user = 1; user <= 1_000; user++) {
            boolean first = VariantSplit.inExperiment(user, 0.3);
            for (int again = 0; again < 3; again++) {
                assertThat(VariantSplit.inExperiment(user, 0.3)).isEqualTo(first);
            }
        }
        // the hash is fixed: a known user stays where it is across releases and processes
        assertThat(VariantSplit.fmix64(1)).isEqualTo(0xb456bcfc34c2cb2cL);
    }

    @Test
    void theShareOfConsecutiveUserIdsInBIsCloseToTheExperimentShare() {
        for (double share : new double[] {0.05, 0.2, 0.5, 0.9}) {
            int inB = 0;
            int users = 100_000;
            for (long user = 1; user <= users; user++) {
                if (VariantSplit.inExperiment(user, share)) {
                    inB++;
                }
            }
            assertThat((double) inB / users).as("share " + share).isCloseTo(share, Offset.offset(0.01));
        }
    }

    @Test
    void raisingTheShareOnlyMovesUsersFromAToB() {
        for (long user = 1; user <= 10_000; user++) {
            if (VariantSplit.inExperiment(user, 0.2)) {
                assertThat(VariantSplit.inExperiment(user, 0.5)).isTrue();
            }
        }
    }

    @Test
    void withoutAnExperimentEveryoneIsInA() {
        ServedModels none = new ServedModels(null, null, 0);
        for (long user = 1; user <= 100; user++) {
            assertThat(none.assign(user).variant()).isEqualTo("A");
        }
    }
}
