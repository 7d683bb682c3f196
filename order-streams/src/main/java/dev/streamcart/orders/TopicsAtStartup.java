package dev.streamcart.orders;

import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.topics.TopicProvisioner;

/**
 * Makes sure the catalogue's topics exist before the topology starts (a missing source topic
 * stops Kafka Streams). Services start in parallel and may race to create the same topic, so a
 * failed attempt is retried: the next one sees the topics the other service created.
 */
final class TopicsAtStartup {

    /** Replication factor of topics created here: 1 on the embedded broker, 3 in production. */
    static final String REPLICATION_FACTOR = "kafka.topic-replication-factor";
    private static final int ATTEMPTS = 3;

    private TopicsAtStartup() {}

    static void ensure(String bootstrapServers, Settings settings) {
        short replicationFactor = (short) settings.getInt(REPLICATION_FACTOR, 1);
        for (int attempt = 1; ; attempt++) {
            try {
                TopicProvisioner.ensureTopics(bootstrapServers, replicationFactor);
                return;
            } catch (IllegalStateException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
