package dev.streamcart.localstack.testing;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real infrastructure ({@link LocalInfrastructure}: PostgreSQL, Kafka, the schema registry, ...) for
 * one test class: started before the class in {@code target/it-data/<name>/infra} (the whole
 * {@code target/it-data/<name>} emptied first, so a run never inherits an earlier run's state),
 * closed after it. Register it as a static field:
 * {@code @RegisterExtension static final TestInfrastructure INFRA = TestInfrastructure.in("name");}.
 *
 * <p>What a test starts on it and hands to {@link #closing} is closed after the class, last started
 * first and before the infrastructure, so no client outlives its broker.
 */
public final class TestInfrastructure implements BeforeAllCallback, AfterAllCallback {

    private final Path folder;
    private final UnaryOperator<LocalInfrastructure.Builder> parts;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private @Nullable LocalInfrastructure infra;

    private TestInfrastructure(Path folder, UnaryOperator<LocalInfrastructure.Builder> parts) {
        this.folder = folder;
        this.parts = parts;
    }

    /**
     * A broker, the registry and the catalogue's topics, as the Kafka Streams services' tests need, for
     * the test class whose data lives in {@code target/it-data/<name>}.
     */
    public static TestInfrastructure in(String name) {
        return in(name, builder -> builder.kafka().schemaRegistry().topics());
    }

    /** The {@code parts} chosen on the builder, for the test class whose data lives in {@code target/it-data/<name>}. */
    public static TestInfrastructure in(String name, UnaryOperator<LocalInfrastructure.Builder> parts) {
        return new TestInfrastructure(Path.of("target", "it-data", Objects.requireNonNull(name, "name")),
                Objects.requireNonNull(parts, "parts"));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Folders.delete(folder);
        infra = parts.apply(LocalInfrastructure.builder(folder.resolve("infra"))).start();
    }

    /** The running broker, registry and their settings; only between the class's start and end. */
    public LocalInfrastructure get() {
        LocalInfrastructure running = infra;
        if (running == null) {
            throw new IllegalStateException("the infrastructure of " + folder + " runs only while its test class does");
        }
        return running;
    }

    /** The class's data folder, for what the test keeps beside the infrastructure (e.g. state folders). */
    public Path folder() {
        return folder;
    }

    /** {@code resource}, closed after the class and before the infrastructure. */
    public <T extends AutoCloseable> T closing(T resource) {
        started.push(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            while (!started.isEmpty()) {
                started.pop().close();
            }
        } finally {
            LocalInfrastructure running = infra;
            infra = null;
            if (running != null) {
                running.close();
            }
        }
    }
}
