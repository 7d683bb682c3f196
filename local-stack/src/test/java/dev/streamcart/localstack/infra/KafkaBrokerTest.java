package dev.streamcart.localstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.streamcart.schemas.topics.TopicProvisioner;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void restartsOnItsOwnFolderAndKeepsItsTopics() throws Exception {
        Path folder = Path.of("target/it-data/kafka-restart-" + System.nanoTime());
        try (KafkaBroker first = KafkaBroker.start(folder, 0, 0)) {
            TopicProvisioner.ensureTopics(first.bootstrapServers(), (short) 1);
            TopicProvisioner.ensureTopics(first.bootstrapServers(), (short) 1);
        }
        try (KafkaBroker second = KafkaBroker.start(folder, 0, 0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.ORDER_EVENTS.name());
        }
    }
}
