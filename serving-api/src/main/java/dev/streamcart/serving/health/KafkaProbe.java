package dev.streamcart.serving.health;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Asks the Kafka cluster who it is; UP when it answers within two seconds. */
public final class KafkaProbe implements AutoCloseable {

    private final Admin admin;

    public KafkaProbe(String bootstrapServers) {
        this.admin = Probes.kafkaAdmin(bootstrapServers, "serving-api-health");
    }

    public ComponentHealth check() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                    .get(2, TimeUnit.SECONDS).size();
            return brokers > 0 ? ComponentHealth.up() : ComponentHealth.down("no broker reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.down("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return ComponentHealth.down("cluster does not answer: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
