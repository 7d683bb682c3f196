package dev.streamcart.recommender.models;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --models-dir} option shared by the commands, with its default from the platform's data folder. */
public final class ModelsFolderOption {

    @Option(names = "--models-dir", descriptionKey = "recommender.models-dir",
            description = "folder of model versions (default: recommender.models-dir, else <data-dir>/models)")
    private @Nullable Path modelsDir;

    @Option(names = "--data-dir", descriptionKey = "platform.data-dir", defaultValue = ".platform-data",
            description = "the platform's data folder (default: platform.data-dir, else ${DEFAULT-VALUE})")
    private Path dataDir = Path.of(".platform-data");

    public Path dataDir() {
        return dataDir.toAbsolutePath();
    }

    public ModelStore store() {
        return new ModelStore(modelsDir != null ? modelsDir : dataDir().resolve("models"));
    }
}
