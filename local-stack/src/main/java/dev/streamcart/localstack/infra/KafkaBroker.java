package dev.streamcart.localstack.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;

/**
 * One KRaft Kafka node (combined broker and controller) from the Kafka jars, on 127.0.0.1: alone, or
 * one of a cluster ({@link KafkaQuorum}). Alone, internal topics get replication factor 1 and min ISR
 * 1, or consumer groups and transactions (exactly-once) hang on one broker. The log folder is
 * formatted once and kept between starts.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static KafkaBroker start(Path folder, int port, int controllerPort) {
        return start(folder, port, KafkaQuorum.single(controllerPort > 0 ? controllerPort : FreePorts.next()));
    }

    /** Starts one node of {@code quorum}; a multi-node cluster is ready once a majority of its nodes runs. */
    public static KafkaBroker start(Path folder, int port, KafkaQuorum quorum) {
        Objects.requireNonNull(folder, "folder");
        int brokerPort = port > 0 ? port : FreePorts.next();
        try {
            Path logs = Files.createDirectories(folder.resolve("logs"));
            Properties properties = serverProperties(logs, brokerPort, quorum);
            Path propertiesFile = folder.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(propertiesFile)) {
                properties.store(out, "written by local-stack on every start");
            }
            formatOnce(logs, propertiesFile, quorum.clusterId());
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, brokerPort);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka in " + folder, e);
        }
    }

    static Properties serverProperties(Path logs, int brokerPort, KafkaQuorum quorum) {
        String replication = Short.toString(quorum.replicationFactor());
        String minInSync = Integer.toString(quorum.minInSyncReplicas());
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(quorum.nodeId())),
                Map.entry("controller.quorum.voters", quorum.voters()),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + quorum.controllerPort()),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logs.toAbsolutePath().toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("default.replication.factor", replication),
                Map.entry("min.insync.replicas", minInSync),
                Map.entry("unclean.leader.election.enable", "false"),
                // a broker back from a crash stays a follower: moving leaders back to it would abort every
                // open transaction a second time, for no gain on one machine
                Map.entry("auto.leader.rebalance.enable", "false"),
                Map.entry("offsets.topic.replication.factor", replication),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", replication),
                Map.entry("transaction.state.log.min.isr", minInSync),
                Map.entry("transaction.state.log.num.partitions", "3"),
                Map.entry("share.coordinator.state.topic.replication.factor", replication),
                Map.entry("share.coordinator.state.topic.min.isr", minInSync),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("log.flush.interval.messages", "9223372036854775807"),
                Map.entry("log.cleaner.dedupe.buffer.size", "33554432"),
                Map.entry("log.segment.bytes", "67108864"),
                Map.entry("log.retention.hours", "-1")));
        return p;
    }

    /** Formats the log folder on first use only: formatting again would give it a new cluster id. */
    private static void formatOnce(Path logs, Path propertiesFile, @Nullable String wantedClusterId) {
        if (Files.exists(logs.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = wantedClusterId != null ? wantedClusterId : Uuid.randomUuid().toString();
        int exit = StorageTool.execute(new String[] {
            "format", "--config", propertiesFile.toString(), "--cluster-id", clusterId
        }, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + logs + " failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Kafka did not become ready on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
