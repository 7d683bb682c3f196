package dev.streamcart.recommender;

import java.io.PrintWriter;

import dev.streamcart.recommender.evaluation.EvaluateCommand;
import dev.streamcart.recommender.evaluation.SweepCommand;
import dev.streamcart.recommender.models.ExperimentCommand;
import dev.streamcart.recommender.models.ListCommand;
import dev.streamcart.recommender.models.PromoteCommand;
import dev.streamcart.recommender.models.RollbackCommand;
import dev.streamcart.recommender.training.TrainCommand;
import dev.streamcart.schemas.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The recommender's command line for data scientists and for {@code ./platform train}:
 * {@code train}, {@code evaluate}, {@code sweep}, {@code list}, {@code promote}, {@code rollback},
 * {@code experiment start|stop|status}. Options default from the platform's
 * configuration keys (postgres.*, recommender.models-dir, platform.data-dir, spark.master).
 */
@Command(name = "recommender", mixinStandardHelpOptions = true,
        description = "Train, publish and inspect the implicit-ALS recommendation models.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, SweepCommand.class, ListCommand.class, PromoteCommand.class,
            RollbackCommand.class, ExperimentCommand.class})
public final class RecommenderCli {

    public static void main(String[] args) {
        System.exit(commandLine(Settings.fromEnvironment()).execute(args));
    }

    /** The command line with defaults from {@code settings}; tests run it in-process. */
    public static CommandLine commandLine(Settings settings) {
        CommandLine commandLine = new CommandLine(new RecommenderCli());
        commandLine.setDefaultValueProvider(new SettingsDefaults(settings));
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandName() + " failed: " + exception.getMessage());
            if (!(exception instanceof IllegalStateException || exception instanceof IllegalArgumentException)) {
                exception.printStackTrace(err); // unexpected: the trace is worth its lines
            }
            return 1;
        });
        return commandLine;
    }
}
