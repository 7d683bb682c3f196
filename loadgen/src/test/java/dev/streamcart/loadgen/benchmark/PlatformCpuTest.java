package dev.streamcart.loadgen.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PlatformCpuTest {

    @Test
    void aBusyProcessThatNamesTheDataFolderIsCountedUnderItsRoleAndOthersAreNot() throws Exception {
        Path folder = Path.of("target", "platform-cpu-" + UUID.randomUUID()).toAbsolutePath();
        PlatformCpu cpu = new PlatformCpu(folder);
        // a shell spinning with the folder on its command line stands for a platform process
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done", folder.toString()).start();
        try {
            // its role is its executable's name (sh is often a link to dash)
            String role = PlatformCpu.role(busy.toHandle());
            PlatformCpu.Sample before = cpu.sample();
            assertThat(before.processes().values()).extracting(PlatformCpu.ProcessTime::role).containsExactly(role);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                PlatformCpu.Usage usage = PlatformCpu.between(before, cpu.sample());
                assertThat(usage.coresByRole().get(role)).isGreaterThan(0.2);
                assertThat(usage.machineBusyCores()).isGreaterThanOrEqualTo(usage.coresByRole().get(role) - 0.05);
                assertThat(usage.platformCores()).isEqualTo(usage.coresByRole().get(role));
                assertThat(usage.otherServicesCores(role)).isZero();
                assertThat(usage.describe()).contains(role + " ");
            });
        } finally {
            busy.destroyForcibly().waitFor();
        }
    }
}
