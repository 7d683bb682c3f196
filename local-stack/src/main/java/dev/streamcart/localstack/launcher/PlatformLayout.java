package dev.streamcart.localstack.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where things are: the repository (to find each module's {@code target/lib}) and the one data
 * folder that holds all state of a local platform (git-ignored, survives restarts).
 */
public record PlatformLayout(Path repository, Path dataDirectory) {

    public static final String HOME_VARIABLE = "PLATFORM_HOME";
    public static final String DATA_VARIABLE = "PLATFORM_DATA_DIR";

    public PlatformLayout {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        repository = repository.toAbsolutePath().normalize();
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
    }

    /** The default data folder of {@code ./platform up}. */
    public static final String SINGLE_FOLDER = ".platform-data";
    /**
     * The default data folder of {@code ./platform up --cluster}: its own, because a cluster's Kafka
     * (three brokers, replicated topics) cannot take over a single broker's logs, and the CDC offsets
     * and Streams state of one must not meet the topics of the other.
     */
    public static final String CLUSTER_FOLDER = ".platform-data-cluster";

    /** From PLATFORM_HOME / PLATFORM_DATA_DIR, else the repository found above the working folder. */
    public static PlatformLayout fromEnvironment() {
        return fromEnvironment(false);
    }

    /** The same, with the cluster's default data folder when {@code cluster} (PLATFORM_DATA_DIR still wins). */
    public static PlatformLayout fromEnvironment(boolean cluster) {
        String home = System.getenv(HOME_VARIABLE);
        Path repository = home != null ? Path.of(home) : findRepository(Path.of("").toAbsolutePath());
        String data = System.getenv(DATA_VARIABLE);
        return new PlatformLayout(repository, data != null ? Path.of(data)
                : repository.resolve(cluster ? CLUSTER_FOLDER : SINGLE_FOLDER));
    }

    /**
     * The layout of the platform running now, for {@code status}, {@code train}, {@code verify} and
     * {@code seed}: the single one's when it runs, else the cluster's when that runs, else the single one's.
     */
    public static PlatformLayout ofRunningPlatform() {
        PlatformLayout single = fromEnvironment(false);
        if (System.getenv(DATA_VARIABLE) != null || Files.isRegularFile(single.run().resolve(Endpoints.FILE))) {
            return single;
        }
        PlatformLayout cluster = fromEnvironment(true);
        return Files.isRegularFile(cluster.run().resolve(Endpoints.FILE)) ? cluster : single;
    }

    private static Path findRepository(Path start) {
        for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("platform")) && Files.isDirectory(candidate.resolve("local-stack"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the repository above " + start + "; set " + HOME_VARIABLE);
    }

    /** The runtime classpath of a runnable module, as written by its build. */
    public String classpathOf(String module) {
        Path lib = repository.resolve(module).resolve("target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(module + " is not built (" + lib + " is missing): run ./platform up, "
                    + "which builds what is missing, or mvn -DskipTests install");
        }
        return lib + "/*";
    }

    public Path serviceData(String service) {
        return dataDirectory.resolve("services").resolve(service);
    }

    public Path servicesRoot() {
        return dataDirectory.resolve("services");
    }

    public Path logs() {
        return dataDirectory.resolve("logs");
    }

    public Path run() {
        return dataDirectory.resolve("run");
    }

    public Path models() {
        return dataDirectory.resolve("models");
    }
}
