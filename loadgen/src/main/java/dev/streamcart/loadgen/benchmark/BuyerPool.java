package dev.streamcart.loadgen.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import dev.streamcart.serving.auth.BearerTokens;
import dev.streamcart.serving.db.ConnectionPool;
import dev.streamcart.serving.db.DatabaseSettings;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.payments.risk.RiskScorer;
import dev.streamcart.serving.users.PasswordHasher;

/**
 * Buyers for a load that pays, as many as the load needs. The payment risk check blocks a buyer's
 * order beyond {@link RiskScorer#VELOCITY_LIMIT} in 24 hours, so a load of hundreds of orders a
 * second needs thousands of buyers, as a real Black Friday has.
 *
 * <p>Buyers are inserted into PostgreSQL in one statement per batch, with one password hash shared
 * by all, and signed in by serving-api's own {@link BearerTokens}: what a login does once the
 * password is checked. Signing in through the API would cost a BCrypt check per buyer (the sign-in
 * limits count failures only, so they would not stop it), and signing in is not what the benchmarks measure.
 *
 * <p>Each buyer is handed out {@link RiskScorer#VELOCITY_LIMIT} times, one order each; when every
 * turn is taken, another batch is made on the spot (and counted, since it costs time).
 */
public final class BuyerPool implements AutoCloseable {

    /** A signed-in buyer. */
    public record Buyer(long userId, String token) {}

    static final String PASSWORD = "bench buyer password";
    private static final int TOKEN_THREADS = 8;

    private final HikariDataSource dataSource;
    private final BearerTokens tokens;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String passwordHash = new PasswordHasher(10).hash(PASSWORD.toCharArray());
    private final ConcurrentLinkedQueue<Buyer> turns = new ConcurrentLinkedQueue<>();
    private final int refillBatch;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong refills = new AtomicLong();

    private BuyerPool(HikariDataSource dataSource, int refillBatch) {
        this.dataSource = dataSource;
        this.tokens = new BearerTokens(new Transactions(dataSource), Duration.ofHours(12), Clock.systemUTC());
        this.refillBatch = refillBatch;
    }

    /** A pool over the platform's PostgreSQL with {@code initial} buyers made now. */
    public static BuyerPool open(String jdbcUrl, String user, String password, int initial) {
        HikariDataSource dataSource = ConnectionPool.open(new DatabaseSettings(jdbcUrl, user, password, TOKEN_THREADS));
        BuyerPool pool = new BuyerPool(dataSource, Math.max(100, Math.min(initial, 1_000)));
        try {
            pool.add(initial);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    /** The buyer of the next order: a buyer with an order left below the velocity limit. */
    public Buyer next() {
        Buyer buyer = turns.poll();
        while (buyer == null) {
            synchronized (this) {
                if (turns.isEmpty()) {
                    refills.incrementAndGet();
                    add(refillBatch);
                }
            }
            buyer = turns.poll();
        }
        return buyer;
    }

    public long created() {
        return created.get();
    }

    /** How often the pool ran dry under load and made buyers on the spot. */
    public long refills() {
        return refills.get();
    }

    private void add(int count) {
        List<Long> ids = insertUsers(count);
        List<Buyer> buyers = signIn(ids);
        // round after round, so that consecutive orders come from different buyers
        for (int round = 0; round < RiskScorer.VELOCITY_LIMIT; round++) {
            turns.addAll(buyers);
        }
        created.addAndGet(buyers.size());
    }

    private List<Long> insertUsers(int count) {
        long first = created.get() + 1;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO users (email, password_hash, first_name, last_name)
                     SELECT 'bench-buyer-' || ? || '-' || g || '@example.com', ?, 'Bench', 'Buyer ' || g
                     FROM generate_series(?::bigint, ?::bigint) g
                     RETURNING id""")) {
            insert.setString(1, tag);
            insert.setString(2, passwordHash);
            insert.setLong(3, first);
            insert.setLong(4, first + count - 1);
            List<Long> ids = new ArrayList<>(count);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert " + count + " benchmark buyers", e);
        }
    }

    private List<Buyer> signIn(List<Long> ids) {
        ExecutorService executor = Executors.newFixedThreadPool(TOKEN_THREADS);
        try {
            List<Future<Buyer>> issued = new ArrayList<>(ids.size());
            for (long id : ids) {
                issued.add(executor.submit(() -> new Buyer(id, tokens.issue(id).token())));
            }
            List<Buyer> buyers = new ArrayList<>(ids.size());
            for (Future<Buyer> buyer : issued) {
                buyers.add(buyer.get());
            }
            return buyers;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot sign benchmark buyers in", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing benchmark buyers in", e);
        } finally {
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "BuyerPool[created=" + created + ", refills=" + refills + ", tag=" + tag + "]";
    }
}
