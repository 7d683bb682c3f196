package dev.streamcart.analytics.sales;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.streamcart.analytics.kpi.ClickFacts;
import dev.streamcart.analytics.kpi.ClickFactsDecoder;
import dev.streamcart.analytics.kpi.KpiPipeline;
import dev.streamcart.analytics.metrics.MicrometerMetricReporterFactory;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import dev.streamcart.schemas.topics.TopicProvisioner;
import dev.streamcart.schemas.topics.Topics;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics job: per-minute sales by category, from {@code order-events} into ClickHouse's
 * {@code sales_per_minute}, and the live KPIs of {@code V2__kpis.sql} from {@code order-events} and
 * {@code clickstream} (see {@link KpiPipeline}).
 *
 * <p>In: every {@code OrderEvent} (Avro through the schema registry), event time = {@code occurredAt}.
 * Out: one row per UTC minute and category with the distinct paid orders, units and revenue in
 * cents of that minute's {@code ORDER_PAID} events, re-written with a larger version whenever the
 * window fires again (early firings while the minute is open, late payments within the allowed
 * lateness).
 *
 * <p>Guarantees: totals are exact to the cent once the watermark has passed a minute; an event
 * delivered twice is counted once; a restart from a checkpoint, or a replay of the topic from the
 * start, rewrites rows with the same content and version and never double counts. A payment that
 * arrives later than the allowed lateness is logged and not counted.
 *
 * <p>Run as a plain Java program, it runs in a MiniCluster inside its own JVM bound to 127.0.0.1,
 * and resumes from the newest checkpoint it retained (from the earliest offsets when there is
 * none). Submitted to a Flink cluster ({@code flink run}), it uses the cluster and is resumed with
 * {@code flink run -s <checkpoint>}.
 */
public final class SalesPerMinuteJob {

    public static final String SERVICE_NAME = "analytics-flink";
    static final String JOB_NAME = "streamcart sales per minute";
    static final String KAFKA_GROUP_ID = "analytics-flink-sales-per-minute";
    /** Offsets are only committed for monitoring (restores use the checkpoint's), one group per source. */
    static final String CLICKSTREAM_GROUP_ID = "analytics-flink-clickstream";
    /** The name of the local cluster's metric reporter in Flink's configuration. */
    static final String METRICS_REPORTER = "prom";

    private static final Logger LOG = LoggerFactory.getLogger(SalesPerMinuteJob.class);

    private SalesPerMinuteJob() {}

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        ParentWatchdog.watch(settings.getLong(CommonKeys.PARENT_PID, 0));
        RunningSalesJob job;
        try {
            SalesJobConfig config = SalesJobConfig.fromSettings(settings);
            if (runsLocally()) {
                // the MiniCluster unpacks jars and keeps blobs in java.io.tmpdir: keep them in our data folder
                Files.createDirectories(config.localTmpDir());
                System.setProperty("java.io.tmpdir", config.localTmpDir().toString());
            }
            job = start(config);
            job.awaitRunning(Duration.ofMinutes(2));
        } catch (Exception e) {
            LOG.error("{} failed to start: {}", SERVICE_NAME, e.getMessage(), e);
            System.exit(1);
            return;
        }
        if (!runsLocally()) {
            // submitted with `flink run`: the cluster owns the job now; the client must not cancel it on exit
            LOG.info("{} submitted to the Flink cluster as job {}", SERVICE_NAME, job.jobId());
            System.out.println("STREAMCART SUBMITTED " + SERVICE_NAME + " " + job.jobId());
            return;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        RunningSalesJob running = job;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            running.close();
        }, SERVICE_NAME + "-shutdown"));
        System.out.println("STREAMCART READY " + SERVICE_NAME);
        System.out.flush();
        try {
            running.awaitTermination();
            LOG.info("sales job finished");
        } catch (ExecutionException e) {
            if (!stopping.get()) {
                LOG.error("sales job failed: {}", e.getCause() == null ? e : e.getCause().toString(), e);
                System.exit(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Submits the job, to a local MiniCluster unless this program was submitted to a cluster. */
    public static RunningSalesJob start(SalesJobConfig config) throws Exception {
        if (!runsLocally()) {
            Configuration flinkConfig = new Configuration();
            configureCheckpointing(flinkConfig, config, config.stateBackend());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
            defineJob(env, config);
            return new RunningSalesJob(env.executeAsync(JOB_NAME), null);
        }
        TopicProvisioner.ensureTopics(config.bootstrapServers(), (short) 1);
        Optional<RetainedCheckpoints> retained = localFolder(config.checkpointDir()).map(RetainedCheckpoints::new);
        @Nullable Path restoreFrom = null;
        if (retained.isPresent()) {
            restoreFrom = retained.get().newest().orElse(null);
            if (restoreFrom != null) {
                retained.get().deleteAllRunsExcept(restoreFrom);
                SalesJobConfig.StateBackend writtenBy = retained.get().backendOf(restoreFrom);
                if (writtenBy == config.stateBackend()) {
                    StateBackendMigration.deleteSavepoints(retained.get());
                } else {
                    restoreFrom = new StateBackendMigration(config, retained.get()).migrate(restoreFrom, writtenBy)
                            .orElse(null);
                }
            }
        }
        LOG.info(restoreFrom == null ? "no retained checkpoint: reading {} from the earliest offsets"
                : "restoring from checkpoint {}", restoreFrom == null ? Topics.ORDER_EVENTS.name() : restoreFrom);
        LOG.info("keyed state in {}, local cluster managed memory {}", config.stateBackend().flinkName(),
                config.managedMemory().toHumanReadableString());
        JobClient client = submitLocally(config, config.stateBackend(), restoreFrom, JOB_NAME);
        retained.ifPresent(checkpoints -> checkpoints.recordBackend(client.getJobID(), config.stateBackend()));
        return new RunningSalesJob(client, restoreFrom);
    }

    /** Runs the job in a MiniCluster of this JVM with the given state backend, from a checkpoint or savepoint if given. */
    static JobClient submitLocally(SalesJobConfig config, SalesJobConfig.StateBackend backend,
            @Nullable Path restoreFrom, String jobName) throws Exception {
        Configuration flinkConfig = new Configuration();
        configureCheckpointing(flinkConfig, config, backend);
        configureLocalCluster(flinkConfig, config);
        if (restoreFrom != null) {
            flinkConfig.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flinkConfig);
        defineJob(env, config);
        return env.executeAsync(jobName);
    }

    /**
     * Kafka, then event time, then the pipelines, then ClickHouse: {@code order-events} feeds the
     * sales-per-minute pipeline (unchanged since its first release, so its checkpoints still
     * restore) and, with {@code clickstream}, the KPI pipeline of every other table.
     */
    static void defineJob(StreamExecutionEnvironment env, SalesJobConfig config) {
        KafkaSource<OrderEventFacts> source = KafkaSource.<OrderEventFacts>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(Topics.ORDER_EVENTS.name())
                .setGroupId(KAFKA_GROUP_ID)
                .setClientIdPrefix(SERVICE_NAME)
                // only the first run reads from here: later runs resume at their checkpoint's offsets
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new OrderEventFactsDecoder(config.schemaRegistryUrl()))
                .build();
        DataStream<OrderEventFacts> events = env
                .fromSource(source, OrderEventWatermarks.strategy(config.outOfOrderness(), config.idleTimeout(),
                        config.maxSourceDrift()),
                        "order-events")
                .uid("order-events-source");
        SalesPerMinutePipeline.salesRows(events, config.allowedLateness(), config.earlyFiringInterval(),
                        config.earlyFiringHorizon())
                .sinkTo(SalesPerMinutePipeline.clickHouseSink(config.clickHouse(), config.sinkFlushInterval()))
                .name("ClickHouse sales_per_minute").uid("clickhouse-sales-sink");

        KafkaSource<ClickFacts> clickSource = KafkaSource.<ClickFacts>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(Topics.CLICKSTREAM.name())
                .setGroupId(CLICKSTREAM_GROUP_ID)
                .setClientIdPrefix(SERVICE_NAME + "-clicks")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ClickFactsDecoder(config.schemaRegistryUrl()))
                .build();
        DataStream<ClickFacts> clicks = env
                .fromSource(clickSource, OrderEventWatermarks.<ClickFacts>strategy(config.outOfOrderness(),
                        config.idleTimeout(), config.maxSourceDrift(), (click, kafkaTimestamp) -> click.occurredAtMillis()), "clickstream")
                .uid("clickstream-source");
        KpiPipeline.kpiRows(events, clicks, config.kpiSettings())
                .sinkTo(KpiPipeline.clickHouseSink(config.clickHouse(), config.sinkFlushInterval()))
                .name("ClickHouse KPI tables").uid("clickhouse-kpi-sink");
    }

    private static void configureCheckpointing(Configuration flinkConfig, SalesJobConfig config,
            SalesJobConfig.StateBackend backend) {
        flinkConfig.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flinkConfig.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flinkConfig.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
        // kept when the job is cancelled (a stop of the service), so the next start resumes from it
        flinkConfig.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flinkConfig.set(StateBackendOptions.STATE_BACKEND, backend.flinkName());
        // RocksDB uploads only the files written since the last checkpoint, not the whole state every 5 s
        flinkConfig.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend == SalesJobConfig.StateBackend.ROCKSDB);
        // most reads are of keys not there yet (a new minute's window, a new event id): a bloom filter
        // answers those without reading a data block of every level
        flinkConfig.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // a failing task (ClickHouse or Kafka away) restarts from the last checkpoint, backing off up to a minute
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        flinkConfig.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
    }

    private static void configureLocalCluster(Configuration flinkConfig, SalesJobConfig config) throws IOException {
        String loopback = "127.0.0.1";
        flinkConfig.set(RestOptions.BIND_ADDRESS, loopback);
        flinkConfig.set(RestOptions.ADDRESS, loopback);
        flinkConfig.set(RestOptions.BIND_PORT, "0");
        flinkConfig.set(JobManagerOptions.ADDRESS, loopback);
        flinkConfig.set(JobManagerOptions.BIND_HOST, loopback);
        flinkConfig.set(TaskManagerOptions.HOST, loopback);
        flinkConfig.set(TaskManagerOptions.BIND_HOST, loopback);
        flinkConfig.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism());
        flinkConfig.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, config.managedMemory());
        // every Flink metric of the local cluster (checkpoints, records, the ClickHouse inserts) on /metrics, on loopback
        flinkConfig.set(reporterOption("factory.class"), MicrometerMetricReporterFactory.class.getName());
        flinkConfig.set(reporterOption("host"), config.metrics().host());
        flinkConfig.set(reporterOption("port"), Integer.toString(config.metrics().port()));
        // a killed MiniCluster leaves its scratch files behind: start each run with an empty folder
        Path tmp = config.localTmpDir();
        RetainedCheckpoints.deleteRecursively(tmp);
        Files.createDirectories(tmp);
        flinkConfig.set(CoreOptions.TMP_DIRS, tmp.toString());
    }

    private static ConfigOption<String> reporterOption(String option) {
        return ConfigOptions.key("metrics.reporter." + METRICS_REPORTER + "." + option).stringType().noDefaultValue();
    }

    /** Whether this JVM runs the job itself (plain {@code java}), rather than submitting it to a cluster. */
    static boolean runsLocally() {
        return StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
    }

    /** The local folder of a checkpoint directory given as a path or a {@code file:} URI; empty for remote ones. */
    static Optional<Path> localFolder(String directory) {
        URI uri = URI.create(directory.replace(" ", "%20"));
        if (uri.getScheme() == null) {
            return Optional.of(Path.of(directory).toAbsolutePath());
        }
        return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    }
}
