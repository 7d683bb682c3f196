package dev.streamcart.recommender.models;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A/B experiments: serving-api serves {@code CURRENT} as variant A and the experiment's version as
 * variant B to a share of users (by a hash of the user). The state is one file,
 * {@code <models-dir>/EXPERIMENT}, holding {@code <version> <share>}.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Start or stop an A/B experiment (CURRENT = variant A, VERSION = variant B).",
        subcommands = {ExperimentCommand.Start.class, ExperimentCommand.Stop.class, ExperimentCommand.Status.class})
public final class ExperimentCommand {

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Serve VERSION to a share of users as variant B.")
    static final class Start extends ModelsCommand {

        @Parameters(paramLabel = "VERSION", description = "the complete model version of variant B")
        private String version;

        @Option(names = "--share", defaultValue = "0.2", description = "share of users in variant B, in (0, 1) (default ${DEFAULT-VALUE})")
        private double share;

        @Override
        public Integer call() {
            ModelStore store = models().store();
            try {
                store.startExperiment(version, share);
            } catch (IllegalArgumentException e) {
                err().println("cannot start the experiment: " + e.getMessage());
                return 1;
            }
            out().println("experiment started: " + version + " serves " + Math.round(share * 100)
                    + "% of users as variant B, " + store.current().orElse("(no CURRENT)") + " the rest as variant A");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "End the experiment: everyone gets CURRENT.")
    static final class Stop extends ModelsCommand {

        @Override
        public Integer call() {
            boolean stopped = models().store().stopExperiment();
            out().println(stopped ? "experiment stopped" : "no experiment was running");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the running experiment.")
    static final class Status extends ModelsCommand {

        @Override
        public Integer call() {
            out().println(models().store().experiment()
                    .map(experiment -> "experiment: " + experiment.version() + " share " + experiment.share())
                    .orElse("no experiment running"));
            return 0;
        }
    }
}
