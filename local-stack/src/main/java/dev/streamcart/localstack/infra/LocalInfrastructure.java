package dev.streamcart.localstack.infra;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import dev.streamcart.localstack.process.Reaper;
import dev.streamcart.localstack.registry.SchemaRegistryServer;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.topics.TopicProvisioner;
import org.jspecify.annotations.Nullable;

/**
 * The platform's infrastructure on free ports under one folder, for tests and tools: embedded
 * PostgreSQL, a KRaft Kafka broker, the schema registry and ClickHouse, each only when asked for.
 * Closing stops everything in reverse order; a JVM that dies first is cleaned up by the reaper.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private final Path folder;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private @Nullable PostgresServer postgres;
    private @Nullable KafkaBroker kafka;
    private @Nullable SchemaRegistryServer registry;
    private @Nullable ClickHouseServer clickHouse;

    private LocalInfrastructure(Path folder) {
        this.folder = folder;
    }

    public static Builder builder(Path folder) {
        return new Builder(folder);
    }

    /** Chooses the parts to start. */
    public static final class Builder {
        private final Path folder;
        private boolean withPostgres;
        private boolean withKafka;
        private boolean withRegistry;
        private boolean withClickHouse;
        private boolean withTopics;

        private Builder(Path folder) {
            this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath();
        }

        public Builder postgres() {
            withPostgres = true;
            return this;
        }

        public Builder kafka() {
            withKafka = true;
            return this;
        }

        /** The registry needs Kafka, which is then started too. */
        public Builder schemaRegistry() {
            withKafka = true;
            withRegistry = true;
            return this;
        }

        public Builder clickHouse() {
            withClickHouse = true;
            return this;
        }

        /** Creates the topic catalogue's topics once Kafka is up. */
        public Builder topics() {
            withKafka = true;
            withTopics = true;
            return this;
        }

        public LocalInfrastructure start() {
            LocalInfrastructure infra = new LocalInfrastructure(folder);
            try {
                Reaper reaper = Reaper.forThisJvm(folder.resolve("run"));
                if (withPostgres) {
                    infra.postgres = infra.track(PostgresServer.start(folder.resolve("postgres"), 0));
                    reaper.register(infra.postgres.postmasterPid());
                }
                if (withKafka) {
                    infra.kafka = infra.track(KafkaBroker.start(folder.resolve("kafka"), 0, 0));
                    if (withTopics) {
                        TopicProvisioner.ensureTopics(infra.kafka.bootstrapServers(), (short) 1);
                    }
                }
                if (withRegistry) {
                    infra.registry = infra.track(SchemaRegistryServer.start(infra.bootstrapServers(), 0));
                }
                if (withClickHouse) {
                    infra.clickHouse = infra.track(ClickHouseServer.start(folder.resolve("clickhouse"), 0, 0, reaper));
                }
                return infra;
            } catch (RuntimeException e) {
                infra.close();
                throw e;
            }
        }
    }

    private <T extends AutoCloseable> T track(T part) {
        started.push(part);
        return part;
    }

    public Path folder() {
        return folder;
    }

    public String jdbcUrl() {
        return require(postgres, "postgres").jdbcUrl();
    }

    public String postgresUser() {
        return PostgresServer.USER;
    }

    public String postgresPassword() {
        return PostgresServer.PASSWORD;
    }

    public DataSource postgres() {
        return require(postgres, "postgres").dataSource();
    }

    public String bootstrapServers() {
        return require(kafka, "kafka").bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return require(registry, "schemaRegistry").url();
    }

    public String clickHouseUrl() {
        return require(clickHouse, "clickHouse").httpUrl();
    }

    /** Settings with every {@link CommonKeys} entry of the started parts filled in. */
    public Settings settings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CommonKeys.DATA_DIR, folder.resolve("services").toString());
        values.put(CommonKeys.MODELS_DIR, folder.resolve("services/models").toString());
        if (postgres != null) {
            values.put(CommonKeys.JDBC_URL, postgres.jdbcUrl());
            values.put(CommonKeys.JDBC_USER, PostgresServer.USER);
            values.put(CommonKeys.JDBC_PASSWORD, PostgresServer.PASSWORD);
        }
        if (kafka != null) {
            values.put(CommonKeys.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        }
        if (registry != null) {
            values.put(CommonKeys.SCHEMA_REGISTRY_URL, registry.url());
        }
        if (clickHouse != null) {
            values.put(CommonKeys.CLICKHOUSE_URL, clickHouse.httpUrl());
            values.put(CommonKeys.CLICKHOUSE_DATABASE, "streamcart");
        }
        return Settings.of(values);
    }

    private static <T> T require(@Nullable T part, String builderMethod) {
        if (part == null) {
            throw new IllegalStateException("not started: call ." + builderMethod + "() on the builder");
        }
        return part;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping local infrastructure failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
