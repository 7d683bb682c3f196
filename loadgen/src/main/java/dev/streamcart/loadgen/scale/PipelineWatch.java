package dev.streamcart.loadgen.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.streamcart.localstack.launcher.ConsumerLag;
import dev.streamcart.localstack.launcher.Endpoints;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseException;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * When each stage of the pipeline has absorbed what a seed wrote: ingest-cdc once the replication
 * slot confirmed the WAL position the seed ended at; each Streams app once its consumer group has
 * no lag left on its inputs; Flink once ClickHouse's revenue equals PostgreSQL's. Polled every
 * half second, so every time is good to about that.
 */
final class PipelineWatch implements AutoCloseable {

    /** Seconds from the end of the seed until each stage caught up (null: it did not within the limit). */
    record Absorption(@Nullable Double cdcSeconds, @Nullable Double inventorySeconds, @Nullable Double orderSeconds,
                      @Nullable Double clickHouseSeconds) {}

    private static final Duration POLL = Duration.ofMillis(500);

    private final Endpoints endpoints;
    private final Admin admin;
    private final ClickHouseClient clickHouse;

    PipelineWatch(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()));
        this.clickHouse = ClickHouseClient.open(ClickHouseSettings.of(endpoints.clickHouseUrl(), ClickHouseSettings.DEFAULT_DATABASE),
                Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** PostgreSQL's WAL position now (the seed's end, when called right after it). */
    String walPosition() throws SQLException {
        return single("SELECT pg_current_wal_lsn()::text");
    }

    /** Records in the topics now, summed over partitions (transaction markers included). */
    long endOffsets(List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> partitions = described.values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    /** Waits, at most {@code limit}, until every stage has absorbed everything up to {@code wal}. */
    Absorption await(String wal, String postgresRevenueSql, String clickHouseRevenueSql, Duration limit)
            throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Double cdc = null;
        Double inventory = null;
        Double orders = null;
        Double revenue = null;
        String expectedRevenue = single(postgresRevenueSql);
        System.out.printf("[scale] PostgreSQL's revenue (%s cents) read in %.1f s%n", expectedRevenue, secondsSince(start));
        while (System.nanoTime() < deadline && (cdc == null || inventory == null || orders == null || revenue == null)) {
            // each stage's time is taken right after its own check, so a slow check does not shift the others
            if (cdc == null && "t".equals(single("SELECT confirmed_flush_lsn >= '" + wal + "'::pg_lsn FROM pg_replication_slots "
                    + "WHERE slot_name = 'streamcart_cdc'"))) {
                cdc = secondsSince(start);
            }
            if (cdc != null && inventory == null && lag("inventory-streams") == 0) {
                inventory = secondsSince(start);
            }
            if (cdc != null && orders == null && lag("order-streams") == 0) {
                orders = secondsSince(start);
            }
            if (revenue == null && expectedRevenue.equals(clickHouseSingle(clickHouseRevenueSql))) {
                revenue = secondsSince(start);
            }
            Thread.sleep(POLL.toMillis());
        }
        return new Absorption(cdc, inventory, orders, revenue);
    }

    /**
     * Records the group has not consumed over its input partitions (repartition topics included: they
     * feed its per-user views), or -1 when it is not known yet.
     */
    private long lag(String group) throws InterruptedException {
        try {
            return ConsumerLag.of(admin, group, Duration.ofSeconds(5)).orElse(-1);
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    String single(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? String.valueOf(row.getString(1)) : "";
        }
    }

    /** The one value ClickHouse selects, or "" while it does not answer (a stage still catching up is no failure). */
    String clickHouseSingle(String sql) {
        try {
            return clickHouse.scalar(sql);
        } catch (ClickHouseException e) {
            return "";
        }
    }

    @Override
    public void close() {
        clickHouse.close();
        admin.close();
    }
}
