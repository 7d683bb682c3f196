package dev.streamcart.loadgen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jspecify.annotations.Nullable;

/**
 * Everything one {@code ./platform bench} measured: results.json.
 *
 * @param commit the short commit hash, {@code -dirty} when the work tree differed from it
 * @param cores the machine's cores
 * @param started when the bench started (ISO-8601, UTC)
 * @param ended when it ended, null while it runs
 * @param loadAverageStart the 1-minute load average at the start
 * @param loadAverageEnd and at the end (the latest while it runs)
 * @param smoke whether it was a smoke run (figures worth nothing but their presence)
 * @param runs runs per benchmark
 * @param passed whether every benchmark passed
 * @param benchmarks one object per benchmark, in the order they ran
 */
public record BenchResults(String commit, int cores, String started, @Nullable String ended, double loadAverageStart,
                           double loadAverageEnd, boolean smoke, int runs, boolean passed,
                           List<BenchmarkRecord> benchmarks) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BenchResults {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(started, "started");
        benchmarks = List.copyOf(benchmarks);
    }

    public String json() throws IOException {
        return JSON.writeValueAsString(this);
    }

    /** Written whole or not at all: a reader never sees half of it. */
    public void write(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, json());
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static BenchResults read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchResults.class);
    }
}
