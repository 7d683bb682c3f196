package dev.streamcart.analytics.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.streamcart.analytics.testing.TestFolders;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cases where a change of state backend rebuilds the state from the topics instead of moving
 * it, decided before any Flink job starts. (The move itself runs in {@link SalesPerMinuteJobTest}.)
 */
class StateBackendMigrationTest {

    private Path checkpoints;
    private Path checkpoint;
    private StateBackendMigration migration;

    @BeforeEach
    void retainedHeapCheckpoint() throws IOException {
        Path folder = TestFolders.fresh("state-backend-migration");
        checkpoints = folder.resolve("checkpoints");
        checkpoint = checkpoints.resolve("0123456789abcdef0123456789abcdef").resolve("chk-7");
        Files.createDirectories(checkpoint);
        Files.writeString(checkpoint.resolve("_metadata"), "metadata");
        SalesJobConfig config = SalesJobConfig.fromSettings(Settings.of(Map.of(
                CommonKeys.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:1",
                CommonKeys.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1",
                CommonKeys.DATA_DIR, folder.toString(),
                SalesJobConfig.CHECKPOINT_DIR, checkpoints.toString())));
        migration = new StateBackendMigration(config, new RetainedCheckpoints(checkpoints));
    }

    @Test
    void aRunWithoutABackendNoteWasWrittenByTheHeapBackend() {
        assertThat(new RetainedCheckpoints(checkpoints).backendOf(checkpoint)).isEqualTo(SalesJobConfig.StateBackend.HASHMAP);
    }

    @Test
    void heapStateLargerThanAQuarterOfTheHeapIsRebuiltFromTheTopicsInsteadOfRestoredOnTheHeap() throws Exception {
        try (RandomAccessFile state = new RandomAccessFile(checkpoint.resolve("state").toFile(), "rw")) {
            state.setLength(Runtime.getRuntime().maxMemory() / 4 + 1); // sparse: no disk used
        }

        assertThat(migration.migrate(checkpoint, SalesJobConfig.StateBackend.HASHMAP)).isEmpty();
        assertThat(new RetainedCheckpoints(checkpoints).newest()).as("every checkpoint deleted: replay").isEmpty();
    }

    @Test
    void aMigrationThatDiedHalfwayIsNotTriedAgain() throws Exception {
        Files.writeString(checkpoint.getParent().resolve("migration-attempted"), "2026-12-06T14:06:30Z");

        assertThat(migration.migrate(checkpoint, SalesJobConfig.StateBackend.HASHMAP)).isEmpty();
        assertThat(checkpoints).doesNotExist();
    }
}
