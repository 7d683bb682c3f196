package dev.streamcart.loadgen.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark as {@code ./platform bench} runs it: a main class started as its own JVM with
 * {@code --results <file> --data <folder> [--smoke]}, and the figures it must produce.
 *
 * @param name the name {@code --only} takes, also the prefix of its files in the report
 * @param classpath where its classes are
 * @param mainClass its main class
 * @param jvmOptions options before {@code -cp}, the heap first
 * @param requiredFigures figures every successful run must have (a smoke run asserts them)
 * @param timeout longest time of one full run (a smoke run has its own)
 * @param takesBackgroundRate whether it takes {@code --background-orders-per-second}, which the
 *     orchestrator sets to half of the checkout benchmark's throughput when that ran before
 */
public record BenchmarkDefinition(String name, BenchClasspath classpath, String mainClass, List<String> jvmOptions,
                                  List<String> requiredFigures, Duration timeout, boolean takesBackgroundRate) {

    public BenchmarkDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
        requiredFigures = List.copyOf(requiredFigures);
        Objects.requireNonNull(timeout, "timeout");
    }
}
