package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheBestEntriesBestFirst() {
        TopK top = new TopK(3);
        double[] scores = {0.5, 2.0, -1.0, 3.0, 1.0, 2.5};
        for (int i = 0; i < scores.length; i++) {
            top.offer(scores[i], i + 1);
        }

        assertThat(top.toList()).containsExactly(new TopK.Entry(4, 3.0), new TopK.Entry(6, 2.5), new TopK.Entry(2, 2.0));
    }

    @Test
    void equalScoresRankTheLowerProductIdFirst() {
        TopK top = new TopK(2);
        top.offer(1.0, 30);
        top.offer(1.0, 10);
        top.offer(1.0, 20);

        assertThat(top.toList()).extracting(TopK.Entry::productId).containsExactly(10L, 20L);
    }

    @Test
    void agreesWithAFullSortOnRandomInput() {
        Random random = new Random(42);
        double[] scores = IntStream.range(0, 5_000).mapToDouble(i -> random.nextGaussian()).toArray();
        TopK top = new TopK(10);
        for (int i = 0; i < scores.length; i++) {
            top.offer(scores[i], i);
        }

        long[] expected = IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a]))
                .limit(10).mapToLong(Integer::longValue).toArray();
        assertThat(top.toList()).extracting(TopK.Entry::productId).containsExactly(
                Arrays.stream(expected).boxed().toArray(Long[]::new));
    }
}
