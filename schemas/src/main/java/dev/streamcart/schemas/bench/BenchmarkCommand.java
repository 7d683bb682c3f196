package dev.streamcart.schemas.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line that reproduces the running benchmark, for its {@link BenchmarkResult}: this
 * JVM's heap and GC options ({@code -X...}), the classpath as a person types it (the launcher has
 * expanded any wildcard by now), the main class and its arguments, quoted for a POSIX shell.
 */
public final class BenchmarkCommand {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@,+-]+");

    private BenchmarkCommand() {}

    /**
     * @param classpath as typed, e.g. {@code loadgen/target/lib/*} or a {@code "$(cat ...)"} expression
     *                  (inserted as given: quote it the way the shell needs)
     */
    public static String of(String classpath, Class<?> main, List<String> arguments) {
        List<String> words = new ArrayList<>(List.of("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-X")) {
                words.add(option);
            }
        }
        words.addAll(List.of("-cp", classpath, main.getName()));
        arguments.forEach(argument -> words.add(quoted(argument)));
        return String.join(" ", words);
    }

    /** The classpath of a benchmark in a module's test sources, as {@code ./platform bench} builds it. */
    public static String testClasspath(String module) {
        return "\"" + module + "/target/test-classes:" + module + "/target/classes:$(cat " + module + "/target/bench.classpath)\"";
    }

    static String quoted(String argument) {
        return PLAIN.matcher(argument).matches() ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }
}
