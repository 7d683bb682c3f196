package dev.streamcart.ingest.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The active/standby election of ingest-cdc on a real PostgreSQL. */
class CaptureLeadershipTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static LocalInfrastructure infra;

    @BeforeAll
    static void startPostgres() throws IOException {
        Path folder = Path.of("target", "it-data", "capture-leadership");
        Folders.delete(folder);
        infra = LocalInfrastructure.builder(folder).postgres().start();
    }

    @AfterAll
    static void stopPostgres() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void aStandbyTakesOverOnlyWhenTheActiveInstanceLetsGo() throws Exception {
        CaptureLeadership active = acquire("lock_takeover", () -> { }, () -> false);
        CountDownLatch standingBy = new CountDownLatch(1);
        CompletableFuture<CaptureLeadership> standby = CompletableFuture.supplyAsync(
                () -> acquire("lock_takeover", standingBy::countDown, () -> false));

        assertThat(standingBy.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(standby).isNotDone();

        active.close();
        CaptureLeadership takenOver = standby.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        takenOver.close();
    }

    @Test
    void theActiveInstanceLearnsWhenItsLockSessionEnds() throws Exception {
        CaptureLeadership active = acquire("lock_lost", () -> { }, () -> false);
        CompletableFuture<Throwable> lost = new CompletableFuture<>();
        active.watch(lost::complete);

        terminateSessionsHolding("lock_lost");

        assertThat(lost.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).hasMessageContaining("lost the capture lock");
        CaptureLeadership next = acquire("lock_lost", () -> { }, () -> false);
        next.close();
        active.close();
    }

    @Test
    void aStandbyThatIsStoppedGivesUpWaiting() {
        CaptureLeadership active = acquire("lock_stop", () -> { }, () -> false);
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<CaptureLeadership> standby = CompletableFuture.supplyAsync(
                () -> acquire("lock_stop", () -> stopped.set(true), stopped::get));

        await().atMost(PATIENCE).until(standby::isDone);
        assertThatThrownBy(standby::join).hasMessageContaining("stopped while waiting");
        active.close();
    }

    private static CaptureLeadership acquire(String lock, Runnable onStandby, BooleanSupplier stopped) {
        return CaptureLeadership.acquire(infra.jdbcUrl(), infra.postgresUser(), infra.postgresPassword(), lock,
                onStandby, stopped);
    }

    private static void terminateSessionsHolding(String lock) throws SQLException {
        try (Connection connection = infra.postgres().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.locktype = 'advisory'"
                                + " AND l.objid = (hashtext(?)::bigint & 4294967295)::oid AND l.granted")) {
            statement.setString(1, lock);
            statement.executeQuery().close();
        }
    }
}
