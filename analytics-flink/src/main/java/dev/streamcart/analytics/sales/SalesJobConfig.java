package dev.streamcart.analytics.sales;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.streamcart.analytics.kpi.KpiPipeline;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.metrics.MetricsSettings;
import org.apache.flink.configuration.MemorySize;

/**
 * Configuration of {@link SalesPerMinuteJob}, with every default in one place.
 *
 * @param checkpointDir       where checkpoints go; a local folder on embedded defaults, a shared
 *                            file system URI (s3://, hdfs://) on a real cluster
 * @param outOfOrderness      how far behind the newest event the watermark trails
 * @param idleTimeout         after how long without events a Kafka partition stops holding the watermark back
 * @param maxSourceDrift      how far in event time one topic's source may run ahead of the other's
 *                            before its partitions are paused (watermark alignment)
 * @param allowedLateness     how long after its minute ends a window still accepts (and re-emits for) late payments
 * @param earlyFiringInterval event-time interval of early (partial) results while a minute is open
 * @param earlyFiringHorizon  how far behind the wall clock a minute may be and still fire early (a backlog's
 *                            minutes get their final rows only)
 * @param sinkFlushInterval   longest time a result waits in the sink before it is written to ClickHouse
 * @param dedupTimeToLive     how long an event id is remembered so that a redelivery is dropped
 * @param fulfilmentTimeToLive how long a paid order's fulfilment steps are kept waiting for the next step
 * @param stateBackend        where keyed state lives: {@link StateBackend#ROCKSDB} on local disk (the
 *                            default), or {@link StateBackend#HASHMAP} on the heap
 * @param managedMemory       off-heap memory of the local cluster's task slots, RocksDB's block cache
 *                            and write buffers; ignored when submitted to a cluster (its own setting)
 * @param metrics             where the local cluster serves {@code /metrics} ({@code metrics.host},
 *                            {@code metrics.port}); a cluster configures its own reporter
 */
public record SalesJobConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        ClickHouseSettings clickHouse,
        Path dataDir,
        String checkpointDir,
        Duration checkpointInterval,
        Duration outOfOrderness,
        Duration idleTimeout,
        Duration maxSourceDrift,
        Duration allowedLateness,
        Duration earlyFiringInterval,
        Duration earlyFiringHorizon,
        Duration sinkFlushInterval,
        int parallelism,
        Duration dedupTimeToLive,
        Duration fulfilmentTimeToLive,
        StateBackend stateBackend,
        MemorySize managedMemory,
        MetricsSettings metrics) {

    /** Flink's state backends this job is run and tested with. */
    public enum StateBackend {
        /**
         * Keyed state and timers in RocksDB on local disk, checkpointed incrementally: a backlog of
         * millions of open windows and remembered event ids costs disk, not heap.
         */
        ROCKSDB("rocksdb"),
        /** Keyed state as objects on the heap: fastest, but bounded by {@code -Xmx}. */
        HASHMAP("hashmap");

        private final String flinkName;

        StateBackend(String flinkName) {
            this.flinkName = flinkName;
        }

        /** The value of Flink's {@code state.backend.type}. */
        public String flinkName() {
            return flinkName;
        }

        static StateBackend parse(String value) {
            for (StateBackend backend : values()) {
                if (backend.flinkName.equalsIgnoreCase(value.trim())) {
                    return backend;
                }
            }
            throw new IllegalArgumentException(STATE_BACKEND + " must be rocksdb or hashmap, was '" + value + "'");
        }
    }

    public static final String CHECKPOINT_INTERVAL_MS = "analytics.checkpoint-interval-ms";
    public static final String ALLOWED_LATENESS_MS = "analytics.allowed-lateness-ms";
    public static final String OUT_OF_ORDERNESS_MS = "analytics.out-of-orderness-ms";
    public static final String IDLE_TIMEOUT_MS = "analytics.idle-timeout-ms";
    public static final String MAX_SOURCE_DRIFT_MS = "analytics.max-source-drift-ms";
    public static final String EARLY_FIRING_INTERVAL_MS = "analytics.early-firing-interval-ms";
    public static final String EARLY_FIRING_HORIZON_MS = "analytics.early-firing-horizon-ms";
    public static final String SINK_FLUSH_INTERVAL_MS = "analytics.sink-flush-interval-ms";
    public static final String PARALLELISM = "analytics.parallelism";
    public static final String CHECKPOINT_DIR = "analytics.checkpoint-dir";
    public static final String DEDUP_TTL_MS = "analytics.dedup-ttl-ms";
    public static final String FULFILMENT_TTL_MS = "analytics.fulfilment-ttl-ms";
    public static final String STATE_BACKEND = "analytics.state-backend";
    public static final String MANAGED_MEMORY = "analytics.managed-memory";

    /** This service's folder inside {@code platform.data-dir}. */
    public static final String SERVICE_FOLDER = "analytics-flink";

    public SalesJobConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(clickHouse, "clickHouse");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        requirePositive(checkpointInterval, CHECKPOINT_INTERVAL_MS);
        requirePositive(outOfOrderness, OUT_OF_ORDERNESS_MS);
        requirePositive(idleTimeout, IDLE_TIMEOUT_MS);
        requirePositive(maxSourceDrift, MAX_SOURCE_DRIFT_MS);
        requirePositive(earlyFiringInterval, EARLY_FIRING_INTERVAL_MS);
        requirePositive(earlyFiringHorizon, EARLY_FIRING_HORIZON_MS);
        requirePositive(sinkFlushInterval, SINK_FLUSH_INTERVAL_MS);
        requirePositive(dedupTimeToLive, DEDUP_TTL_MS);
        requirePositive(fulfilmentTimeToLive, FULFILMENT_TTL_MS);
        Objects.requireNonNull(stateBackend, STATE_BACKEND);
        Objects.requireNonNull(managedMemory, MANAGED_MEMORY);
        if (managedMemory.compareTo(MemorySize.parse("32m")) < 0) {
            throw new IllegalArgumentException(MANAGED_MEMORY + " must be at least 32m, was " + managedMemory);
        }
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException(ALLOWED_LATENESS_MS + " must not be negative");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException(PARALLELISM + " must be >= 1, was " + parallelism);
        }
    }

    public static SalesJobConfig fromSettings(Settings settings) {
        Path dataDir = Path.of(settings.get(CommonKeys.DATA_DIR, ".platform-data")).toAbsolutePath();
        return new SalesJobConfig(
                settings.require(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                settings.require(CommonKeys.SCHEMA_REGISTRY_URL),
                ClickHouseSettings.fromSettings(settings),
                dataDir,
                settings.get(CHECKPOINT_DIR, dataDir.resolve(SERVICE_FOLDER).resolve("checkpoints").toUri().toString()),
                millis(settings, CHECKPOINT_INTERVAL_MS, 5_000),
                // 1 s bounds keep the dashboard under its 3 s freshness goal (payment commit to the API:
                // p99 1.5 s, against 9.8 s with 5 s/10 s/5 s/1 s, loadgen's DashboardFreshnessBenchmark);
                // commit-time events arrive nearly in order (CDC p99 under 200 ms), and a later one still
                // re-fires its minute through the allowed lateness, so totals stay exact
                millis(settings, OUT_OF_ORDERNESS_MS, 1_000),
                millis(settings, IDLE_TIMEOUT_MS, 1_000),
                // a minute of event time: the KPI windows open at once stay about one minute's worth
                millis(settings, MAX_SOURCE_DRIFT_MS, 60_000),
                millis(settings, ALLOWED_LATENESS_MS, 600_000),
                millis(settings, EARLY_FIRING_INTERVAL_MS, 1_000),
                millis(settings, EARLY_FIRING_HORIZON_MS, Duration.ofMinutes(2).toMillis()),
                millis(settings, SINK_FLUSH_INTERVAL_MS, 200),
                settings.getInt(PARALLELISM, 1),
                millis(settings, DEDUP_TTL_MS, Duration.ofMinutes(15).toMillis()),
                millis(settings, FULFILMENT_TTL_MS, Duration.ofDays(30).toMillis()),
                StateBackend.parse(settings.get(STATE_BACKEND, StateBackend.ROCKSDB.flinkName())),
                // RocksDB's cache and write buffers for every slot: enough to keep the hot minutes and
                // the recent event ids in memory; the rest of a backlog's state is read from disk
                MemorySize.parse(settings.get(MANAGED_MEMORY, "256m")),
                MetricsSettings.from(settings));
    }

    /** The KPI pipeline's part of this configuration. */
    public KpiPipeline.Settings kpiSettings() {
        return new KpiPipeline.Settings(allowedLateness, earlyFiringInterval, earlyFiringHorizon, dedupTimeToLive,
                fulfilmentTimeToLive);
    }

    /** Folder for the local cluster's scratch files ({@code java.io.tmpdir}, {@code io.tmp.dirs}). */
    public Path localTmpDir() {
        return dataDir.resolve(SERVICE_FOLDER).resolve("tmp");
    }

    private static Duration millis(Settings settings, String key, long defaultMillis) {
        return Duration.ofMillis(settings.getLong(key, defaultMillis));
    }

    private static void requirePositive(Duration duration, String key) {
        Objects.requireNonNull(duration, key);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, was " + duration.toMillis() + " ms");
        }
    }
}
