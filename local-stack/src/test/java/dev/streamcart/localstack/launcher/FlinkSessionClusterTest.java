package dev.streamcart.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkSessionClusterTest {

    @Test
    void theClusterSharesOneConfigurationAndEachTaskManagerHasItsOwnPorts(@TempDir Path folder) throws IOException {
        PlatformLayout layout = new PlatformLayout(folder, folder.resolve("data"));

        FlinkSessionCluster cluster = FlinkSessionCluster.plan(layout, new PortAssignments(folder), 2);

        String config = Files.readString(folder.resolve("data/flink/conf/config.yaml"));
        assertThat(config).contains("rest.bind-address: 127.0.0.1").contains("taskmanager.numberOfTaskSlots: 2")
                .contains("execution.checkpointing.dir: " + folder.resolve("data/flink/checkpoints").toUri())
                .contains("externalized-checkpoint-retention: RETAIN_ON_CANCELLATION");
        assertThat(cluster.taskManagers()).extracting(ServiceInstance::name)
                .containsExactly("flink-taskmanager-1", "flink-taskmanager-2");
        assertThat(cluster.taskManagers().get(0).spec().arguments())
                .isNotEqualTo(cluster.taskManagers().get(1).spec().arguments());
        assertThat(cluster.environment()).containsEntry("FLINK_CONF_DIR", folder.resolve("data/flink/conf").toString());
    }

    @Test
    void everyProcessOfTheClusterServesItsMetricsOnAPortOfItsOwn(@TempDir Path folder) throws IOException {
        PlatformLayout layout = new PlatformLayout(folder, folder.resolve("data"));

        FlinkSessionCluster cluster = FlinkSessionCluster.plan(layout, new PortAssignments(folder), 2);

        String config = Files.readString(folder.resolve("data/flink/conf/config.yaml"));
        assertThat(config).contains("metrics.reporter.prom.factory.class: "
                + "dev.streamcart.analytics.metrics.MicrometerMetricReporterFactory")
                .contains("metrics.reporter.prom.host: 127.0.0.1");
        List<ServiceInstance> processes = List.of(cluster.jobManager(), cluster.taskManagers().get(0),
                cluster.taskManagers().get(1));
        assertThat(processes).extracting(ServiceInstance::metricsUrl).doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/metrics"));
        for (ServiceInstance process : processes) {
            int port = URI.create(process.metricsUrl()).getPort();
            assertThat(process.spec().arguments()).contains("-Dmetrics.reporter.prom.port=" + port);
        }
    }

    @Test
    void aRestartedJobManagerResubmitsFromTheNewestCompleteCheckpoint(@TempDir Path folder) throws IOException {
        PlatformLayout layout = new PlatformLayout(folder, folder.resolve("data"));
        FlinkSessionCluster cluster = FlinkSessionCluster.plan(layout, new PortAssignments(folder), 2);
        Path checkpoints = folder.resolve("data/flink/checkpoints/0123456789abcdef0123456789abcdef");
        Path older = Files.createDirectories(checkpoints.resolve("chk-7"));
        Path newer = Files.createDirectories(checkpoints.resolve("chk-8"));
        Files.createDirectories(checkpoints.resolve("chk-9")); // in progress: no _metadata yet
        Files.writeString(older.resolve("_metadata"), "7");
        Files.writeString(newer.resolve("_metadata"), "8");
        Files.setLastModifiedTime(older.resolve("_metadata"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(newer.resolve("_metadata"), FileTime.from(Instant.parse("2026-01-01T00:00:05Z")));

        assertThat(cluster.latestCheckpoint()).contains(newer);
    }

    @Test
    void theJobIdIsTheOneFlinkRunPrintedLast() {
        String log = "starting\nSTREAMCART SUBMITTED analytics-flink 0123456789abcdef0123456789abcdef\n"
                + "STREAMCART SUBMITTED analytics-flink fedcba9876543210fedcba9876543210\n";

        assertThat(FlinkSessionCluster.submittedJob(log)).contains("fedcba9876543210fedcba9876543210");
        assertThat(FlinkSessionCluster.submittedJob("nothing")).isEmpty();
    }

    @Test
    void theSparkMasterCountsItsAliveWorkers() {
        assertThat(SparkStandalone.aliveWorkers("{\"url\":\"spark://127.0.0.1:7077\",\"aliveworkers\" : 1,\"cores\":2}"))
                .isEqualTo(1);
        assertThat(SparkStandalone.aliveWorkers("{}")).isZero();
    }
}
