package dev.streamcart.localstack.infra;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * A broker's place in its KRaft cluster: its node id, the controller quorum (every node is broker and
 * controller), the cluster id every node's storage is formatted with, and the replication that
 * follows from the cluster's size: one broker replicates nothing; three keep every partition, the
 * internal ones included, on all three with two in sync, so a write acknowledged with acks=all
 * survives the loss of any one broker.
 *
 * @param nodeId this broker's id, 1..size
 * @param controllerPorts the controller port of each node, in node-id order
 * @param clusterId the id to format storage with; null: a random one (a single broker)
 */
public record KafkaQuorum(int nodeId, List<Integer> controllerPorts, @Nullable String clusterId) {

    public KafkaQuorum {
        controllerPorts = List.copyOf(controllerPorts);
        if (controllerPorts.isEmpty()) {
            throw new IllegalArgumentException("a quorum needs at least one node");
        }
        if (nodeId < 1 || nodeId > controllerPorts.size()) {
            throw new IllegalArgumentException("nodeId must be 1.." + controllerPorts.size() + ", was " + nodeId);
        }
        if (controllerPorts.size() > 1) {
            Objects.requireNonNull(clusterId, "every node of a multi-node cluster needs the same clusterId");
        }
    }

    /** One broker that is its own controller. */
    public static KafkaQuorum single(int controllerPort) {
        return new KafkaQuorum(1, List.of(controllerPort), null);
    }

    public int size() {
        return controllerPorts.size();
    }

    public int controllerPort() {
        return controllerPorts.get(nodeId - 1);
    }

    /** {@code controller.quorum.voters}: {@code 1@127.0.0.1:p1,2@127.0.0.1:p2,...}. */
    public String voters() {
        return IntStream.range(0, size())
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
    }

    /** Replicas of every partition: all brokers, up to three. */
    public short replicationFactor() {
        return (short) Math.min(3, size());
    }

    /** In-sync replicas an acks=all write needs: two when there are three, else all there are. */
    public int minInSyncReplicas() {
        return Math.min(2, replicationFactor());
    }

    /** Command-line form for {@code KafkaBrokerMain}: {@code <node-id> <controller-ports,...> <cluster-id>}. */
    public List<String> arguments() {
        return List.of(Integer.toString(nodeId),
                controllerPorts.stream().map(String::valueOf).collect(Collectors.joining(",")),
                clusterId == null ? "-" : clusterId);
    }

    public static KafkaQuorum parse(String nodeId, String controllerPorts, String clusterId) {
        List<Integer> ports = List.of(controllerPorts.split(",")).stream().map(Integer::parseInt).toList();
        return new KafkaQuorum(Integer.parseInt(nodeId), ports, "-".equals(clusterId) ? null : clusterId);
    }
}
