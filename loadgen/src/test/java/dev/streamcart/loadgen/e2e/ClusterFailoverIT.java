package dev.streamcart.loadgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.streamcart.loadgen.failover.FailoverDrill;
import dev.streamcart.loadgen.failover.KillOutcome;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.testing.Folders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failover under load on {@code ./platform up --cluster}, the short version of the failover benchmark:
 * with the simulator placing orders and a probe client reading stock and orders and checking out
 * through HAProxy, one part of each kind after another is killed with SIGKILL (a broker, an instance
 * of each Streams app, the capturing ingest-cdc, an API instance, a Flink TaskManager, ClickHouse,
 * PostgreSQL) and the supervisor restarts it. Each kill must cost the client only retriable answers
 * (503, a dropped connection) for at most 10 s; afterwards nothing accepted is lost or doubled: every
 * read model equals PostgreSQL, and ClickHouse's revenue equals PostgreSQL's to the cent. Each kill's
 * recovery time is printed and written to {@code target/cluster-failover.txt}.
 */
class ClusterFailoverIT {

    private static Platform platform;
    private static FailoverDrill drill;

    @BeforeAll
    static void startClusterWithTraffic() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path data = Folders.emptied(Path.of("target/cluster-failover-data").toAbsolutePath());
        platform = Platform.start(new PlatformLayout(repository, data), FailoverDrill.clusterWithTraffic(5, 40, 40),
                message -> System.out.println("[failover] " + message));
        drill = FailoverDrill.begin(platform, line -> System.out.println("[failover] " + line));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (drill != null) {
            drill.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyKillCostsClientsOnlyRetriableErrorsAndLosesNothing() throws Exception {
        List<KillOutcome> kills = drill.killEach(FailoverDrill.EVERY_KIND);
        FailoverDrill.Settlement settlement = drill.settle();
        Files.write(Path.of("target/cluster-failover-errors.tsv"), drill.errors());
        List<String> report = new ArrayList<>(kills.stream().map(KillOutcome::line).toList());
        report.addAll(settlement.lines());
        Files.write(Path.of("target/cluster-failover.txt"), report);
        settlement.lines().forEach(line -> System.out.println("[failover] " + line));

        assertThat(settlement.verification().mismatches()).isEmpty();
        assertThat(settlement.verification().complete()).as("nothing left in flight once traffic stopped").isTrue();
        assertThat(settlement.clickHouseRevenueCents()).as("ClickHouse revenue in cents")
                .isEqualTo(settlement.postgresRevenueCents());
        for (KillOutcome kill : kills) {
            assertThat(kill.seen().failures()).as("non-retriable answers after killing " + kill.victim()).isEmpty();
            assertThat(kill.seen().errorTime()).as("time clients saw errors after killing " + kill.victim())
                    .isLessThanOrEqualTo(FailoverDrill.MAX_ERROR_TIME);
            assertThat(kill.seen().answers()).as("the probe kept asking through " + kill.victim()).isPositive();
        }
    }
}
