package dev.streamcart.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import dev.streamcart.localstack.infra.KafkaBroker;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaRegistryServerTest {

    private static final Schema V1 = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");
    private static final Schema V2_WITH_DEFAULT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                    + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    private static final Schema V2_WITHOUT_DEFAULT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                    + "{\"name\":\"note\",\"type\":\"string\"}]}");

    private static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaBroker.start(Path.of("target/it-data/" + SchemaRegistryServerTest.class.getSimpleName()), 0, 0);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void registersIdempotentlyAndRejectsBackwardIncompatibleVersions() {
        try (SchemaRegistryServer server = SchemaRegistryServer.start(kafka.bootstrapServers(), 0)) {
            SchemaRegistryClient client = new SchemaRegistryClient(server.url());
            int first = client.register("things-value", V1);
            assertThat(client.register("things-value", V1)).isEqualTo(first);
            assertThat(client.isCompatible("things-value", V2_WITHOUT_DEFAULT)).isFalse();
            assertThatThrownBy(() -> client.register("things-value", V2_WITHOUT_DEFAULT))
                    .isInstanceOf(SchemaRegistryException.class)
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));
            assertThat(client.isCompatible("things-value", V2_WITH_DEFAULT)).isTrue();
            int second = client.register("things-value", V2_WITH_DEFAULT);
            assertThat(second).isNotEqualTo(first);
            assertThat(client.schemaById(second)).isEqualTo(V2_WITH_DEFAULT);
        }
    }

    @Test
    void keepsSchemasAcrossRestartsInItsKafkaTopic() {
        int id;
        try (SchemaRegistryServer server = SchemaRegistryServer.start(kafka.bootstrapServers(), 0)) {
            id = new SchemaRegistryClient(server.url()).register("durable-value", V1);
        }
        try (SchemaRegistryServer restarted = SchemaRegistryServer.start(kafka.bootstrapServers(), 0)) {
            SchemaRegistryClient client = new SchemaRegistryClient(restarted.url());
            assertThat(client.schemaById(id)).isEqualTo(V1);
            assertThat(client.register("durable-value", V1)).isEqualTo(id);
            assertThat(client.register("another-value", V2_WITH_DEFAULT)).isGreaterThan(id);
        }
    }
}
