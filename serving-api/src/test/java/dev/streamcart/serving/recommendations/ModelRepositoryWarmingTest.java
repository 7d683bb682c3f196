package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users' candidates are ready when requests need them: the first model is warmed in the background
 * while it already serves; a replacement only swaps in once warm; a recently served model comes back
 * as it was, warm, with no reload; a model that would not fit in memory beside the served ones is
 * not loaded.
 */
class ModelRepositoryWarmingTest {

    private static final Path MODELS = Path.of("target", "model-repository-warming", "models");
    private static final int USERS = 300;

    private final Random random = new Random(3);
    private final ModelFolders folders = new ModelFolders(MODELS);

    @BeforeEach
    void emptyModelsFolder() throws IOException {
        if (Files.exists(MODELS)) {
            try (Stream<Path> paths = Files.walk(MODELS)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(MODELS);
    }

    @Test
    void theFirstModelServesAtOnceAndWarmsInTheBackgroundAReplacementOnlyOnceWarmAndARollbackIsInstant() {
        writeVersion("v20261126-100000-000");
        folders.promote("v20261126-100000-000");
        try (ModelRepository models = new ModelRepository(MODELS)) {
            assertThat(models.refresh().servedVersion()).isEqualTo("v20261126-100000-000");
            RecommenderModel first = models.current();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.usersWithCandidates() == USERS);

            writeVersion("v20261126-110000-000");
            folders.promote("v20261126-110000-000");
            assertThat(models.refresh().servedVersion()).isEqualTo("v20261126-110000-000");
            assertThat(models.status().control().usersWithCandidates()).as("warm when swapped in").isEqualTo(USERS);

            folders.promote("v20261126-100000-000");
            assertThat(models.refresh().changed()).isTrue();
            assertThat(models.current()).as("the retired model itself, not a reload").isSameAs(first);
            assertThat(models.status().control().usersWithCandidates()).isEqualTo(USERS);
        }
    }

    @Test
    void aModelThatDoesNotFitBesideTheServedOnesIsNotLoadedAndTheServedOnesStay() throws IOException {
        writeVersion("v20261126-100000-000");
        writeVersion("v20261126-110000-000");
        long oneModel = ModelLoader.peakBytes(MODELS.resolve("v20261126-100000-000"));
        folders.promote("v20261126-100000-000");
        // room for one model loading, not for a second beside it
        try (ModelRepository models = new ModelRepository(MODELS, oneModel + oneModel / 2)) {
            assertThat(models.refresh().servedVersion()).isEqualTo("v20261126-100000-000");

            folders.experiment("v20261126-110000-000", 0.5);
            ModelRepository.Refresh refused = models.refresh();

            assertThat(refused.servedVersion()).isEqualTo("v20261126-100000-000");
            assertThat(refused.experimentVersion()).isNull();
            assertThat(refused.problem()).contains("model v20261126-110000-000 needs about")
                    .contains("not loaded");
            assertThat(models.current().version()).isEqualTo("v20261126-100000-000");
        }
        try (ModelRepository roomy = new ModelRepository(MODELS, 4 * oneModel)) {
            assertThat(roomy.refresh().experimentVersion()).as("with room for both").isEqualTo("v20261126-110000-000");
        }
    }

    private void writeVersion(String version) {
        Map<Long, float[]> users = new HashMap<>();
        for (long user = 1; user <= USERS; user++) {
            users.put(user, new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()});
        }
        Map<Long, float[]> items = new HashMap<>();
        for (long item = 1; item <= 2_000; item++) {
            items.put(item, new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()});
        }
        folders.write(version, users, items, Map.of(1L, 1.0));
    }
}
