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

    /** From PLATFORM_HOME / PLATFORM_DATA_DIR, else the repository found above the working folder. */
    public static PlatformLayout fromEnvironment() {
        String home = System.getenv(HOME_VARIABLE);
        Path repository = home != null ? Path.of(home) : findRepository(Path.of("").toAbsolutePath());
        String data = System.getenv(DATA_VARIABLE);
        return new PlatformLayout(repository, data != null ? Path.of(data) : repository.resolve(".platform-data"));
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
