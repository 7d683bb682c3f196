package dev.streamcart.recommender.models;

import picocli.CommandLine.Command;

/** Serves the previously promoted version again (from {@code HISTORY}); serving-api follows within seconds. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Make the previously promoted version current again (a second rollback goes one further back).")
public final class RollbackCommand extends ModelsCommand {

    @Override
    public Integer call() {
        ModelStore store = models().store();
        String from = store.current().orElse("(none)");
        try {
            String to = store.rollback();
            out().println("rolled back from " + from + " to " + to);
            return 0;
        } catch (IllegalStateException | IllegalArgumentException e) {
            err().println("cannot roll back: " + e.getMessage());
            return 1;
        }
    }
}
