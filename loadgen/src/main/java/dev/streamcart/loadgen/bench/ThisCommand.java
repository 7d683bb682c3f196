package dev.streamcart.loadgen.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that reproduces the running benchmark, for its result file: this JVM's heap and
 * GC options, the classpath as a person types it (the launcher has expanded the wildcard by now),
 * the main class and its arguments.
 */
public final class ThisCommand {

    private ThisCommand() {}

    public static String of(String classpath, Class<?> main, List<String> arguments) {
        List<String> words = new ArrayList<>(List.of("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-X")) {
                words.add(option);
            }
        }
        words.addAll(List.of("-cp", "'" + classpath + "'", main.getName()));
        words.addAll(arguments);
        return String.join(" ", words);
    }
}
