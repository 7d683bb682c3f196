package dev.streamcart.loadgen.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options both freshness benchmarks take (a picocli mixin): the background load, the payment
 * provider's latency, where the platform's data goes, the results file and the smoke switch.
 */
final class FreshnessOptions {

    @Option(names = "--background-orders-per-second", defaultValue = "10",
            description = "orders placed and paid a second by other buyers meanwhile (default ${DEFAULT-VALUE})")
    double backgroundRate;

    @Option(names = "--gateway-latency-ms", defaultValue = "0",
            description = "mean latency of the simulated payment provider per call, as in the checkout benchmark (default ${DEFAULT-VALUE})")
    long gatewayLatencyMillis;

    @Option(names = "--repository", defaultValue = ".", description = "the StreamCart checkout with built modules")
    Path repository = Path.of(".");

    @Option(names = "--data", description = "platform data, emptied first (default under <repository>/loadgen/target)")
    @Nullable Path data;

    @Option(names = "--results", description = "also write the figures to this JSON file (for ./platform bench)")
    @Nullable Path results;

    @Option(names = "--smoke", description = "a handful of samples: proves the benchmark works, measures nothing worth quoting")
    boolean smoke;

    /** The repository root, or an error naming what was given when it holds no built StreamCart checkout. */
    Path root() {
        Path root = repository.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("serving-api"))) {
            throw new IllegalArgumentException("--repository must be the StreamCart checkout with built modules; got " + root);
        }
        return root;
    }

    /** The data folder: {@code --data}, or {@code loadgen/target/<defaultName>} of the repository. */
    Path dataFolder(String defaultName) {
        return (data != null ? data : root().resolve("loadgen/target").resolve(defaultName)).toAbsolutePath();
    }

    /** The options as a command line shows them, for the printed command. */
    String commandLine() {
        return " --background-orders-per-second " + backgroundRate + " --gateway-latency-ms " + gatewayLatencyMillis;
    }
}
