package dev.streamcart.loadgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.launcher.verify.PlatformVerifier;
import dev.streamcart.localstack.launcher.verify.VerificationReport;
import dev.streamcart.localstack.process.ManagedProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crash recovery under traffic: the CDC process, each Kafka Streams app, the API and the Kafka
 * broker are killed with SIGKILL in turn while the simulator runs, and the supervisor restarts
 * each. Once the traffic stops, every product's stock and every order's status in the read
 * models must equal PostgreSQL's exactly: nothing lost, nothing counted twice.
 */
class PlatformRecoveryIT {

    private static final List<String> VICTIMS = List.of("ingest-cdc", "inventory-streams", "order-streams", "serving-api", "kafka");

    @RegisterExtension
    static final PlatformUnderTest PLATFORM = PlatformUnderTest.in("recovery-data", "recovery", PlatformOptions.defaults()
            .withApiPort(0).withTraffic(true, List.of("--orders-per-second=8", "--products=40", "--users=40")));

    @Test
    void readModelsEqualPostgresAfterEveryPartIsKilledUnderTraffic() throws Exception {
        awaitMoreOrders(30);
        for (String victim : VICTIMS) {
            ManagedProcess before = PLATFORM.get().service(victim);
            before.kill();
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                ManagedProcess now = PLATFORM.get().service(victim);
                return now != before && now.isAlive();
            });
            awaitMoreOrders(20);
        }
        PLATFORM.get().stopService("loadgen");

        VerificationReport report = PlatformVerifier.verifyUntilConsistent(PLATFORM.get().endpoints(),
                PlatformVerifier.DEFAULT_GRACE, Duration.ofMinutes(2));
        report.lines().forEach(line -> System.out.println("[recovery] " + line));
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.complete()).as("nothing left in flight once traffic stopped").isTrue();
        assertThat(report.productsChecked()).isPositive();
        assertThat(report.ordersChecked()).isGreaterThanOrEqualTo(130);
    }

    /** Waits until the simulator has placed {@code more} orders (the platform keeps taking traffic). */
    private static void awaitMoreOrders(int more) throws SQLException {
        long start = orders();
        await().atMost(Duration.ofMinutes(3)).until(() -> orders() >= start + more);
    }

    private static long orders() throws SQLException {
        try (Connection connection = PLATFORM.get().postgres().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
