package dev.streamcart.recommender.models;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command on the model versions: the {@code --models-dir} and {@code --data-dir} options, and the
 * output and error writers of the picocli command line that runs it (results to the one, progress and
 * refusals to the other, so a caller or a test captures each).
 */
public abstract class ModelsCommand implements Callable<Integer> {

    @Mixin
    private ModelsFolderOption models;

    @Spec
    private CommandSpec spec;

    protected final ModelsFolderOption models() {
        return models;
    }

    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Spark's scratch folder, under the platform's data folder. */
    protected final Path sparkScratch() {
        return models.dataDir().resolve("recommender-spark").resolve("spark");
    }
}
