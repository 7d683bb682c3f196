package dev.streamcart.schemas.bench;

/**
 * How a benchmark ends on an error: its stack trace, then one line on stderr naming the benchmark
 * and the exception. That last line is the reason {@code ./platform bench} reports for the run.
 */
public final class BenchmarkFailure {

    private BenchmarkFailure() {}

    /**
     * Prints {@code failure} and returns the exit code, 1 (for a picocli execution exception handler).
     *
     * @param benchmark names it in the reason, e.g. {@code spike benchmark}
     */
    public static int report(String benchmark, Exception failure) {
        failure.printStackTrace();
        System.err.println(benchmark + " failed: " + failure);
        return 1;
    }
}
