package dev.streamcart.recommender.models;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Points {@code CURRENT} at a version; serving-api picks it up within seconds. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Make a model version the one served (default: the newest complete version).")
public final class PromoteCommand implements Callable<Integer> {

    @Mixin
    private ModelsFolderOption models;

    @Parameters(arity = "0..1", paramLabel = "VERSION", description = "version to promote, e.g. v20261126-101500-042")
    private @Nullable String version;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelStore store = models.store();
        Optional<String> chosen = version != null ? Optional.of(version) : store.newestComplete();
        if (chosen.isEmpty()) {
            err.println("no complete model version in " + store.folder() + ": run 'train' first");
            return 1;
        }
        Optional<String> previous = store.current();
        try {
            store.promote(chosen.get());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.println("promoted " + chosen.get() + previous.map(p -> " (was " + p + ")").orElse(""));
        return 0;
    }
}
