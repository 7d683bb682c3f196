package dev.streamcart.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePlanTest {

    @Test
    void aSingleTopologyKeepsTheNamesPortsAndFoldersItAlwaysHad(@TempDir Path folder) {
        PlatformLayout layout = new PlatformLayout(folder, folder.resolve("data"));

        ServicePlan plan = ServicePlan.of(Topology.single(), new PortAssignments(folder), layout, 18080, (short) 1);

        assertThat(plan.capture()).extracting(ServiceInstance::name).containsExactly("ingest-cdc");
        assertThat(plan.inventory()).extracting(ServiceInstance::name).containsExactly("inventory-streams");
        assertThat(plan.inventory().get(0).settings()).doesNotContainKey("platform.data-dir");
        assertThat(plan.apis()).extracting(ServiceInstance::address).containsExactly("http://127.0.0.1:18080");
        assertThat(plan.sharedSettings()).containsEntry("kafka.topic-replication-factor", "1")
                .containsEntry("streams.num-standby-replicas", "0");
    }

    @Test
    void everyServiceServesMetricsOnLoopbackAtAPortOfItsOwnOrItsQueryPort(@TempDir Path folder) {
        PlatformLayout layout = new PlatformLayout(folder, folder.resolve("data"));

        ServicePlan plan = ServicePlan.of(Topology.cluster(), new PortAssignments(folder), layout, 18080, (short) 3);

        List<ServiceInstance> served = plan.withMetrics();
        assertThat(served).extracting(ServiceInstance::name).containsExactly("ingest-cdc-1", "ingest-cdc-2",
                "inventory-streams-1", "inventory-streams-2", "order-streams-1", "order-streams-2", "analytics-flink",
                "serving-api-1", "serving-api-2");
        assertThat(served).extracting(ServiceInstance::metricsUrl).doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:[0-9]+/metrics"));
        assertThat(plan.inventory().get(0).metricsUrl()).isEqualTo(plan.inventory().get(0).address() + "/metrics");
        assertThat(plan.apis()).allSatisfy(api -> assertThat(api.metricsUrl())
                .isEqualTo("http://127.0.0.1:" + api.settings().get("metrics.port") + "/metrics"));
        assertThat(plan.analytics().settings()).containsKey("metrics.port");
    }

    @Test
    void aClusterGivesEachInstanceItsOwnPortsAndStateAndNamesThemAllToTheApi(@TempDir Path folder) {
        PlatformLayout layout = new PlatformLayout(folder, folder.resolve("data"));

        ServicePlan plan = ServicePlan.of(Topology.cluster(), new PortAssignments(folder), layout, 18080, (short) 3);

        assertThat(plan.capture()).extracting(ServiceInstance::name).containsExactly("ingest-cdc-1", "ingest-cdc-2");
        assertThat(plan.capture()).allSatisfy(capture -> assertThat(capture.settings()).containsOnlyKeys("metrics.port"));
        List<ServiceInstance> inventory = plan.inventory();
        assertThat(inventory).extracting(ServiceInstance::role).containsOnly("inventory-streams");
        assertThat(inventory.get(0).settings().get("platform.data-dir"))
                .isNotEqualTo(inventory.get(1).settings().get("platform.data-dir"));
        assertThat(inventory.get(0).settings().get("inventory.query.port"))
                .isNotEqualTo(inventory.get(1).settings().get("inventory.query.port"));
        assertThat(plan.sharedSettings().get("inventory.query.urls").split(",")).containsExactly(
                inventory.get(0).address(), inventory.get(1).address());
        assertThat(plan.apis()).extracting(ServiceInstance::address).doesNotContain("http://127.0.0.1:18080").hasSize(2);
        assertThat(plan.sharedSettings()).containsEntry("kafka.topic-replication-factor", "3")
                .containsEntry("streams.num-standby-replicas", "1");
    }
}
