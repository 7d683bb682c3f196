package dev.streamcart.ingest.leadership;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which ingest-cdc instance captures. Debezium's PostgreSQL connector is a single task, so a second
 * instance stands by: it waits for a PostgreSQL session advisory lock that the active instance holds
 * on a connection of its own. The lock goes with the session, so PostgreSQL frees it the moment the
 * active process dies (its socket closes), and the standby takes over.
 *
 * <p>Two fences keep a takeover from capturing twice. The active instance checks its lock connection
 * every second and stops capturing once it is gone, before a standby could have been elected on a
 * database that still saw it. And the replication slot admits one reader at a time: a new active
 * instance cannot stream while an old one still reads the slot. The offsets file is shared, and only
 * the lock holder writes it.
 */
public final class CaptureLeadership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureLeadership.class);
    private static final Duration RETRY = Duration.ofMillis(500);
    private static final Duration CHECK = Duration.ofSeconds(1);
    private static final int VALIDITY_TIMEOUT_SECONDS = 2;

    private final Connection connection;
    private final String lockName;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cdc-leadership");
        thread.setDaemon(true);
        return thread;
    });

    private CaptureLeadership(Connection connection, String lockName) {
        this.connection = connection;
        this.lockName = lockName;
    }

    /**
     * Blocks until this instance holds the capture lock named {@code lockName}, the replication
     * slot's name. Calls {@code onStandby} once if another instance holds it; gives up (returns null)
     * when {@code stopped} turns true while waiting.
     */
    public static CaptureLeadership acquire(String jdbcUrl, String user, String password, String lockName,
            Runnable onStandby, BooleanSupplier stopped) {
        Objects.requireNonNull(lockName, "lockName");
        boolean announced = false;
        while (!stopped.getAsBoolean()) {
            Connection connection = null;
            try {
                connection = DriverManager.getConnection(jdbcUrl, user, password);
                while (!stopped.getAsBoolean()) {
                    if (tryLock(connection, lockName)) {
                        LOG.info("holding the capture lock '{}': this instance captures", lockName);
                        return new CaptureLeadership(connection, lockName);
                    }
                    if (!announced) {
                        announced = true;
                        LOG.info("another instance holds the capture lock '{}': standing by", lockName);
                        onStandby.run();
                    }
                    sleep(RETRY);
                }
            } catch (SQLException e) {
                LOG.warn("cannot reach PostgreSQL for the capture lock ({}); trying again", e.getMessage());
                sleep(RETRY);
            }
            closeQuietly(connection);
        }
        throw new IllegalStateException("stopped while waiting for the capture lock '" + lockName + "'");
    }

    private static boolean tryLock(Connection connection, String lockName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            statement.setString(1, lockName);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Checks the lock's session every second; calls {@code onLost} once when it is gone. */
    public void watch(Consumer<Throwable> onLost) {
        checker.scheduleWithFixedDelay(() -> {
            if (!isHeld()) {
                checker.shutdown();
                onLost.accept(new IllegalStateException("lost the capture lock '" + lockName
                        + "' (its PostgreSQL session ended): another instance may capture now"));
            }
        }, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean isHeld() {
        try {
            return connection.isValid(VALIDITY_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the capture lock", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a capture-lock connection failed", e);
        }
    }

    /** Releases the lock by ending its session; called after the engine stopped. */
    @Override
    public void close() {
        checker.shutdownNow();
        closeQuietly(connection);
    }
}
