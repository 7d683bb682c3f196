package dev.streamcart.loadgen.benchmark;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Closed-loop load on one route, as wrk runs it: {@code connections} threads, each with one
 * keep-alive connection, send the next request as soon as the previous answer is read, for a fixed
 * time. Every request's latency is kept (not sampled), so the p99 is exact.
 */
public final class ClosedLoopLoad {

    /** What one run measured. */
    public record Result(String route, int connections, long requests, long unexpected, double requestsPerSecond,
                  double p50Millis, double p99Millis, double maxMillis) {}

    private final URI api;
    private final String token;

    ClosedLoopLoad(URI api, String token) {
        this.api = Objects.requireNonNull(api, "api");
        this.token = Objects.requireNonNull(token, "token");
    }

    /**
     * Runs {@code paths} (one new path per request) for {@code duration}; an answer other than
     * {@code expectedStatus} is counted as unexpected, a broken connection is reopened and counted.
     */
    Result run(String route, Supplier<String> paths, int expectedStatus, int connections, Duration duration)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[connections];
        AtomicLong unexpected = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            long[] mine = new long[1 << 16];
            latencies.add(mine);
            int index = i;
            Thread thread = new Thread(() ->
                    latencies.set(index, loop(paths, expectedStatus, deadline, mine, counts, index, unexpected)),
                    "load-" + route + "-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) total];
        int offset = 0;
        for (int i = 0; i < connections; i++) {
            System.arraycopy(latencies.get(i), 0, all, offset, counts[i]);
            offset += counts[i];
        }
        Arrays.sort(all);
        return new Result(route, connections, total, unexpected.get(), total / seconds, millis(all, 0.50),
                millis(all, 0.99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6);
    }

    private long[] loop(Supplier<String> paths, int expectedStatus, long deadline, long[] latencies, int[] counts,
                        int index, AtomicLong unexpected) {
        long[] kept = latencies;
        int count = 0;
        HttpConnection connection = null;
        try {
            while (System.nanoTime() < deadline) {
                String path = paths.get();
                long start = System.nanoTime();
                int status;
                try {
                    if (connection == null) {
                        connection = new HttpConnection(api.getPort());
                    }
                    status = connection.get(path, token);
                } catch (IOException e) {
                    status = -1;
                    if (connection != null) {
                        connection.close();
                        connection = null;
                    }
                }
                long elapsed = System.nanoTime() - start;
                if (status != expectedStatus) {
                    unexpected.incrementAndGet();
                }
                if (count == kept.length) {
                    kept = Arrays.copyOf(kept, kept.length * 2);
                }
                kept[count++] = elapsed;
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
            counts[index] = count;
        }
        return kept;
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
