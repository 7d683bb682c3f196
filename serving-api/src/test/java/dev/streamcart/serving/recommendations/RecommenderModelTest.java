package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The blocked, factor-major scoring gives exactly the plain dot products and cosines. */
class RecommenderModelTest {

    private static final int RANK = 7;
    private static final int ITEMS = 1_300; // not a multiple of the block size: the last block is partial

    private final Random random = new Random(42);

    @Test
    void scoringEveryItemFindsExactlyTheBestDotProducts() {
        long[] ids = IntStream.range(0, ITEMS).mapToLong(i -> 10_000L + i * 3L).toArray();
        float[] factors = randomFactors(ITEMS);
        float[] user = randomFactors(1);
        RecommenderModel model = model(ids, factors, Map.of(1L, user));

        TopK top = new TopK(25);
        model.scoreAll(user, top, id -> id % 2 == 0);

        List<TopK.Entry> expected = IntStream.range(0, ITEMS).filter(i -> ids[i] % 2 == 0)
                .mapToObj(i -> new TopK.Entry(ids[i], dot(user, factors, i)))
                .sorted(Comparator.comparingDouble(TopK.Entry::score).reversed().thenComparingLong(TopK.Entry::productId))
                .limit(25).toList();
        assertThat(top.toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void aLongTailIsLeftUnreadWithoutChangingTheAnswer() {
        int items = 40 * RecommenderModel.ItemMatrix.BLOCK;
        // ids in no order of length; lengths fall off like a popularity curve, as implicit ALS gives them
        long[] ids = IntStream.range(0, items).mapToLong(i -> 1L + (i * 7919L) % items).toArray();
        float[] factors = randomFactors(items);
        for (int i = 0; i < items; i++) {
            double scale = 1.0 / Math.pow(1 + ids[i] / 20.0, 1.5);
            for (int f = 0; f < RANK; f++) {
                factors[i * RANK + f] *= (float) scale;
            }
        }
        RecommenderModel.ItemMatrix matrix = new RecommenderModel.ItemMatrix(ids, factors, RANK);

        int blocksScored = 0;
        for (int u = 0; u < 50; u++) {
            float[] user = randomFactors(1);
            TopK top = new TopK(30);
            blocksScored += matrix.scoreAll(user, top, id -> id % 3 != 0, -1L);
            List<TopK.Entry> expected = IntStream.range(0, items).filter(i -> ids[i] % 3 != 0)
                    .mapToObj(i -> new TopK.Entry(ids[i], dot(user, factors, i)))
                    .sorted(Comparator.comparingDouble(TopK.Entry::score).reversed().thenComparingLong(TopK.Entry::productId))
                    .limit(30).toList();
            assertThat(top.toList()).as("user %d", u).containsExactlyElementsOf(expected);
        }
        assertThat(blocksScored).as("blocks scored for 50 users").isLessThan(50 * matrix.blocks() / 4);
    }

    @Test
    void similarProductsAreRankedByCosineAndLeaveTheProductItselfOut() {
        long[] ids = IntStream.range(0, ITEMS).mapToLong(i -> i + 1L).toArray();
        float[] factors = randomFactors(ITEMS);
        RecommenderModel model = model(ids, factors, Map.of());

        TopK top = new TopK(5);
        assertThat(model.similarTo(ids[17], top, id -> true)).isTrue();

        List<Long> expected = IntStream.range(0, ITEMS).filter(i -> i != 17).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -cosine(factors, 17, i)))
                .limit(5).map(i -> ids[i]).toList();
        assertThat(top.toList().stream().map(TopK.Entry::productId).toList()).isEqualTo(expected);
        assertThat(top.toList().get(0).score()).isCloseTo(cosine(factors, 17, expected.get(0).intValue() - 1),
                Offset.offset(1e-5));
        assertThat(model.similarTo(999_999L, new TopK(5), id -> true)).as("no factors").isFalse();
    }

    @Test
    void coOccurrenceAndCreationTimeAreReadFromTheModelFolder() throws Exception {
        Path dir = Path.of("target", "model-loader-test", "models");
        ModelFolders folders = new ModelFolders(dir).createdAt(Instant.parse("2026-01-02T03:04:05Z"));
        folders.write("v20260102-030405-000", Map.of(1L, new float[] {1f, 0f}),
                Map.of(5L, new float[] {1f, 0f}, 6L, new float[] {0f, 1f}), Map.of(5L, 2.0));
        Map<Long, Double> others = new LinkedHashMap<>();
        others.put(8L, 0.9);
        others.put(5L, 0.5);
        others.put(9L, 0.1);
        folders.writeCooccurrence("v20260102-030405-000", Map.of(7L, others));

        RecommenderModel model = ModelLoader.load("v20260102-030405-000", dir.resolve("v20260102-030405-000"));

        assertThat(model.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        TopK top = new TopK(2);
        assertThat(model.cooccurringWith(7L, top, id -> id != 8L)).isTrue();
        assertThat(top.toList()).containsExactly(new TopK.Entry(5L, 0.5), new TopK.Entry(9L, 0.1));
        assertThat(model.cooccurringWith(5L, new TopK(2), id -> true)).isFalse();
    }

    private RecommenderModel model(long[] ids, float[] factors, Map<Long, float[]> users) {
        return new RecommenderModel("v1", Instant.now(), RANK, new HashMap<>(users), ids, factors, new long[0],
                new double[0], Map.of());
    }

    private float[] randomFactors(int count) {
        float[] factors = new float[count * RANK];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = (float) random.nextGaussian();
        }
        return factors;
    }

    // in factor order, in float: what the model computes
    private static double dot(float[] user, float[] factors, int item) {
        float score = 0f;
        for (int f = 0; f < RANK; f++) {
            score += user[f] * factors[item * RANK + f];
        }
        return score;
    }

    private static double cosine(float[] factors, int a, int b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int f = 0; f < RANK; f++) {
            dot += (double) factors[a * RANK + f] * factors[b * RANK + f];
            normA += (double) factors[a * RANK + f] * factors[a * RANK + f];
            normB += (double) factors[b * RANK + f] * factors[b * RANK + f];
        }
        return dot / Math.sqrt(normA * normB);
    }
}
