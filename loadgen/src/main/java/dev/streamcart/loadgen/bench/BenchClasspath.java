package dev.streamcart.loadgen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a benchmark's classes are: a runnable module's {@code target/lib}, or, for a benchmark that
 * lives in a module's test sources, its test classes plus the classpath file its build writes
 * ({@code target/bench.classpath}, maven-dependency-plugin {@code build-classpath}).
 *
 * @param module the module folder, relative to the repository
 * @param testSources whether the benchmark lives in the module's test sources
 */
public record BenchClasspath(String module, boolean testSources) {

    public BenchClasspath {
        Objects.requireNonNull(module, "module");
    }

    public static BenchClasspath lib(String module) {
        return new BenchClasspath(module, false);
    }

    public static BenchClasspath testClasses(String module) {
        return new BenchClasspath(module, true);
    }

    /** As a person would type it in a shell at the repository root. */
    public String display() {
        return testSources
                ? "\"" + module + "/target/test-classes:" + module + "/target/classes:$(cat " + classpathFile() + ")\""
                : "'" + module + "/target/lib/*'";
    }

    /** The value for {@code -cp}, relative to the repository; fails when the module was not built. */
    public String resolve(Path repository) throws IOException {
        if (!testSources) {
            if (!Files.isDirectory(repository.resolve(module).resolve("target/lib"))) {
                throw new IOException(module + "/target/lib is missing: build it (./platform build)");
            }
            return module + "/target/lib/*";
        }
        Path file = repository.resolve(classpathFile());
        if (!Files.isRegularFile(file)) {
            throw new IOException(classpathFile() + " is missing: the module's build does not write it yet, or it was not"
                    + " built (./platform build)");
        }
        return module + "/target/test-classes:" + module + "/target/classes:" + Files.readString(file).trim();
    }

    private String classpathFile() {
        return module + "/target/bench.classpath";
    }
}
