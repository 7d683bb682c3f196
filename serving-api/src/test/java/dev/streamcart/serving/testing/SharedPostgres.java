package dev.streamcart.serving.testing;

import java.nio.file.Path;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL for the whole test run (initdb is the slow part), stopped by JUnit when
 * the run ends. Each test class gets its own database in it, so classes never see each other's rows.
 */
final class SharedPostgres implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPostgres.class);

    private final LocalInfrastructure infrastructure;

    private SharedPostgres() {
        this.infrastructure = LocalInfrastructure.builder(Path.of("target", "it-data", "shared-postgres"))
                .postgres()
                .start();
    }

    static LocalInfrastructure in(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedPostgres.class, key -> new SharedPostgres(), SharedPostgres.class)
                .infrastructure;
    }

    @Override
    public void close() {
        infrastructure.close();
    }
}
