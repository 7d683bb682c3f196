package dev.streamcart.localstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaQuorumTest {

    @Test
    void aSingleBrokerReplicatesNothing() {
        KafkaQuorum single = KafkaQuorum.single(9101);

        Properties server = KafkaBroker.serverProperties(Path.of("logs"), 9100, single);

        assertThat(server).containsEntry("node.id", "1").containsEntry("controller.quorum.voters", "1@127.0.0.1:9101")
                .containsEntry("default.replication.factor", "1").containsEntry("min.insync.replicas", "1")
                .containsEntry("transaction.state.log.min.isr", "1");
    }

    @Test
    void threeBrokersKeepEveryPartitionOnAllThreeWithTwoInSync() {
        KafkaQuorum second = new KafkaQuorum(2, List.of(9201, 9202, 9203), "cluster-id");

        Properties server = KafkaBroker.serverProperties(Path.of("logs"), 9200, second);

        assertThat(server).containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9201,2@127.0.0.1:9202,3@127.0.0.1:9203")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9200,CONTROLLER://127.0.0.1:9202")
                .containsEntry("default.replication.factor", "3").containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false");
    }

    @Test
    void theCommandLineFormRoundTrips() {
        KafkaQuorum node = new KafkaQuorum(3, List.of(1, 2, 3), "abc");

        List<String> arguments = node.arguments();

        assertThat(KafkaQuorum.parse(arguments.get(0), arguments.get(1), arguments.get(2))).isEqualTo(node);
        assertThat(KafkaQuorum.parse("1", "7", "-")).isEqualTo(KafkaQuorum.single(7));
    }

    @Test
    void aClusterNeedsOneIdForEveryNode() {
        assertThatThrownBy(() -> new KafkaQuorum(1, List.of(1, 2, 3), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new KafkaQuorum(4, List.of(1, 2, 3), "id")).hasMessageContaining("nodeId");
    }
}
