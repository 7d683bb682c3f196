package dev.streamcart.schemas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one run of one benchmark measured: the file every benchmark writes with {@code --results}
 * and {@code ./platform bench} gathers into its report. Benchmarks live in several modules (some in
 * test sources, because they start local infrastructure), so the file format is this one shared
 * contract instead of parsed console output.
 *
 * @param benchmark the benchmark's name, as {@code ./platform bench --only} takes it
 * @param figures figures under stable names ({@code checkout.orders_per_s}), each a finite number
 * @param charts series to draw, one PNG each
 * @param notes lines worth reading next to the figures (what was measured, stage splits)
 * @param command the command line that reproduces this run
 */
public record BenchmarkResult(String benchmark, Map<String, Double> figures, List<Chart> charts, List<String> notes,
        String command) {

    /** {@code area.figure}: lower case, digits and underscores, one dot. */
    public static final Pattern FIGURE_NAME = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public BenchmarkResult {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(command, "command");
        // kept in the order the benchmark added them: the report lists them that way
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(figures, "figures")));
        figures.forEach((name, value) -> {
            if (!FIGURE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("figure name " + name + " is not area.figure in lower case");
            }
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("figure " + name + " is not a finite number: " + value);
            }
        });
        charts = List.copyOf(Objects.requireNonNull(charts, "charts"));
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    }

    /** A chart: lines of (x, y) points over shared axes. */
    public record Chart(String name, String title, String xLabel, String yLabel, List<Line> lines) {
        public Chart {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(xLabel, "xLabel");
            Objects.requireNonNull(yLabel, "yLabel");
            lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        }
    }

    /** One named series of a chart. */
    public record Line(String label, List<Point> points) {
        public Line {
            Objects.requireNonNull(label, "label");
            points = List.copyOf(Objects.requireNonNull(points, "points"));
        }
    }

    /** One point of a line. */
    public record Point(double x, double y) {}

    /** Starts a result of the named benchmark. */
    public static Builder builder(String benchmark) {
        return new Builder(benchmark);
    }

    /** Writes the result to a temporary file and renames it, so a reader never sees half of it. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = parent.resolve(file.getFileName() + ".partial");
            JSON.writeValue(partial.toFile(), this);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write benchmark result " + file, e);
        }
    }

    public static BenchmarkResult read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchmarkResult.class);
    }

    /** Collects figures, charts and notes in the order they were added. */
    public static final class Builder {
        private final String benchmark;
        private final Map<String, Double> figures = new LinkedHashMap<>();
        private final List<Chart> charts = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String benchmark) {
            this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
        }

        public Builder figure(String name, double value) {
            figures.put(name, value);
            return this;
        }

        public Builder chart(Chart chart) {
            charts.add(chart);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public BenchmarkResult build(String command) {
            return new BenchmarkResult(benchmark, figures, charts, notes, command);
        }
    }
}
