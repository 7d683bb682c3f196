package dev.streamcart.recommender.models;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Serves the previously promoted version again (from {@code HISTORY}); serving-api follows within seconds. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Make the previously promoted version current again (a second rollback goes one further back).")
public final class RollbackCommand implements Callable<Integer> {

    @Mixin
    private ModelsFolderOption models;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ModelStore store = models.store();
        String from = store.current().orElse("(none)");
        try {
            String to = store.rollback();
            spec.commandLine().getOut().println("rolled back from " + from + " to " + to);
            return 0;
        } catch (IllegalStateException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("cannot roll back: " + e.getMessage());
            return 1;
        }
    }
}
