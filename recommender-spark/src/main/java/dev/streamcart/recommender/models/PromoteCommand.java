package dev.streamcart.recommender.models;

import java.io.PrintWriter;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Points {@code CURRENT} at a version; serving-api picks it up within seconds. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Make a model version the one served (default: the newest complete version).")
public final class PromoteCommand extends ModelsCommand {

    @Parameters(arity = "0..1", paramLabel = "VERSION", description = "version to promote, e.g. v20261126-101500-042")
    private @Nullable String version;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        ModelStore store = models().store();
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
