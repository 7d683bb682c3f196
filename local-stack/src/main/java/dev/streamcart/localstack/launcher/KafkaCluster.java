package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.streamcart.localstack.infra.KafkaQuorum;
import dev.streamcart.localstack.process.ManagedProcess;
import org.apache.kafka.common.Uuid;

/**
 * The platform's Kafka brokers, each its own child JVM ({@code KafkaBrokerMain}) so that one can be
 * stopped, killed or restarted alone. One broker is named {@code kafka} and keeps the folder and
 * ports it always had; three are {@code kafka-1} to {@code kafka-3}, a KRaft quorum formatted with one
 * cluster id kept in the data folder, replicating every partition three times.
 */
final class KafkaCluster implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String SINGLE_BROKER_HEAP = "512m";
    private static final String CLUSTER_BROKER_HEAP = "384m";

    /** One broker: how to start it again, and the process that runs it now. */
    private static final class Node {
        private final ServiceSpec spec;
        private final int port;
        private volatile ManagedProcess process;

        private Node(ServiceSpec spec, int port) {
            this.spec = spec;
            this.port = port;
        }
    }

    private final ServiceLauncher launcher;
    private final Duration readyTimeout;
    private final List<Node> nodes;
    private final KafkaQuorum anyNode;

    private KafkaCluster(ServiceLauncher launcher, Duration readyTimeout, List<Node> nodes, KafkaQuorum anyNode) {
        this.launcher = launcher;
        this.readyTimeout = readyTimeout;
        this.nodes = nodes;
        this.anyNode = anyNode;
    }

    /** Starts every broker at once (a quorum forms only when a majority runs), then waits for each. */
    static KafkaCluster start(int brokers, PlatformLayout layout, PortAssignments ports, ServiceLauncher launcher,
            Duration readyTimeout) {
        List<Node> nodes = new ArrayList<>();
        KafkaQuorum quorum;
        if (brokers == 1) {
            int port = ports.port("kafka");
            int controller = ports.port("kafka-controller");
            quorum = KafkaQuorum.single(controller);
            nodes.add(new Node(ServiceSpec.KAFKA.withHeap(SINGLE_BROKER_HEAP).withArguments(List.of(
                    layout.dataDirectory().resolve("kafka").toString(), Integer.toString(port), Integer.toString(controller))),
                    port));
        } else {
            List<Integer> brokerPorts = new ArrayList<>();
            List<Integer> controllerPorts = new ArrayList<>();
            for (int id = 1; id <= brokers; id++) {
                brokerPorts.add(ports.port("kafka-" + id));
                controllerPorts.add(ports.port("kafka-controller-" + id));
            }
            Path root = layout.dataDirectory().resolve("kafka-cluster");
            String clusterId = clusterId(root);
            quorum = new KafkaQuorum(1, controllerPorts, clusterId);
            for (int id = 1; id <= brokers; id++) {
                KafkaQuorum node = new KafkaQuorum(id, controllerPorts, clusterId);
                List<String> arguments = new ArrayList<>(List.of(root.resolve("kafka-" + id).toString(),
                        Integer.toString(brokerPorts.get(id - 1))));
                arguments.addAll(node.arguments());
                nodes.add(new Node(ServiceSpec.KAFKA.withName("kafka-" + id).withHeap(CLUSTER_BROKER_HEAP)
                        .withArguments(arguments), brokerPorts.get(id - 1)));
            }
        }
        KafkaCluster cluster = new KafkaCluster(launcher, readyTimeout, nodes, quorum);
        try {
            for (Node node : nodes) {
                node.process = launcher.start(node.spec, Map.of());
            }
            for (Node node : nodes) {
                node.process.awaitReadyLine(readyTimeout);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The id every node is formatted with, made once per data folder. */
    private static String clusterId(Path root) {
        Path file = root.resolve("cluster.id");
        try {
            Files.createDirectories(root);
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Kafka cluster id in " + file, e);
        }
    }

    String bootstrapServers() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.port).collect(Collectors.joining(","));
    }

    short replicationFactor() {
        return anyNode.replicationFactor();
    }

    List<String> names() {
        return nodes.stream().map(node -> node.spec.name()).toList();
    }

    String address(String name) {
        return "127.0.0.1:" + node(name).port;
    }

    ManagedProcess broker(String name) {
        return node(name).process;
    }

    boolean isAlive(String name) {
        return node(name).process.isAlive();
    }

    long aliveCount() {
        return nodes.stream().filter(node -> node.process != null && node.process.isAlive()).count();
    }

    int size() {
        return nodes.size();
    }

    /** Starts a broker that died again, on its folder and ports; waits until it serves. */
    ManagedProcess restart(String name) {
        Node node = node(name);
        node.process.stop(Duration.ofSeconds(5));
        node.process = launcher.start(node.spec, Map.of());
        node.process.awaitReadyLine(readyTimeout);
        return node.process;
    }

    private Node node(String name) {
        return nodes.stream().filter(node -> node.spec.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker named " + name + "; known: " + names()));
    }

    /**
     * Stops every broker at once: stopped one by one, the last of a quorum would wait for a majority
     * that is already gone before it could shut down in order.
     */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = nodes.stream()
                .map(node -> node.process)
                .filter(Objects::nonNull)
                .map(process -> CompletableFuture.runAsync(() -> process.stop(STOP_GRACE)))
                .toList();
        stops.forEach(CompletableFuture::join);
    }
}
