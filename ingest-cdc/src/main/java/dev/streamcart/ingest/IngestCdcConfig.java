package dev.streamcart.ingest;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;

/**
 * Everything ingest-cdc needs, read once from {@link Settings}, and the Debezium connector
 * properties derived from it. Defaults live here and nowhere else.
 *
 * @param jdbcUrl the system of record ({@code postgres.jdbc-url})
 * @param workDirectory offsets and their provenance ({@code <platform.data-dir>/ingest-cdc})
 * @param pollIntervalMillis how long the connector waits for new WAL before returning an empty
 *     batch ({@code cdc.poll-interval-ms}); Debezium's 500 ms default is its median latency
 * @param topicReplicationFactor replication of the topics created at start ({@code kafka.topic-replication-factor})
 * @param heartbeatIntervalMillis how often the heartbeat rewrites {@value #HEARTBEAT_TABLE}
 *     ({@code cdc.heartbeat-interval-ms}), which bounds how far the slot lags behind the WAL
 *     while the captured tables are idle
 */
public record IngestCdcConfig(String jdbcUrl, String user, String password, String bootstrapServers,
        String schemaRegistryUrl, Path workDirectory, int pollIntervalMillis, short topicReplicationFactor,
        int heartbeatIntervalMillis) {

    public static final String SERVICE_NAME = "ingest-cdc";
    public static final String POLL_INTERVAL_MS = "cdc.poll-interval-ms";
    public static final String TOPIC_REPLICATION_FACTOR = "kafka.topic-replication-factor";
    public static final String HEARTBEAT_INTERVAL_MS = "cdc.heartbeat-interval-ms";

    /** Slot and publication share one name; the publication is created by serving-api's migrations. */
    public static final String SLOT_NAME = "streamcart_cdc";
    public static final String PUBLICATION_NAME = "streamcart_cdc";
    /** Prefix of Debezium's internal topic names; records never reach Kafka under these names. */
    public static final String TOPIC_PREFIX = "streamcart";
    /**
     * One row that the heartbeat rewrites (created, and added to the publication, by serving-api's
     * migrations). It is captured like the other tables but publishes nothing: its only purpose is
     * that a change reaches the connector, so the slot advances while nothing else captured changes.
     */
    public static final String HEARTBEAT_TABLE = "cdc_heartbeat";
    public static final String CAPTURED_TABLES = "public.outbox,public.products,public.inventory,public." + HEARTBEAT_TABLE;
    /** An upsert, so a heartbeat also works on a table that lost its row. */
    static final String HEARTBEAT_ACTION_QUERY = "INSERT INTO " + HEARTBEAT_TABLE + " (id, beat_at) VALUES (1, now())"
            + " ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at";

    private static final int DEFAULT_POLL_INTERVAL_MS = 20;
    /** Offsets (and with them the slot's confirmed position) are flushed this often. */
    private static final int OFFSET_FLUSH_INTERVAL_MS = 1_000;
    /** Keeps the slot advancing while the captured tables are quiet, so PostgreSQL can recycle WAL. */
    private static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;

    public IngestCdcConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(workDirectory, "workDirectory");
        if (pollIntervalMillis < 1) {
            throw new IllegalArgumentException("pollIntervalMillis must be >= 1, was " + pollIntervalMillis);
        }
        if (topicReplicationFactor < 1) {
            throw new IllegalArgumentException("topicReplicationFactor must be >= 1, was " + topicReplicationFactor);
        }
        if (heartbeatIntervalMillis < 1) {
            throw new IllegalArgumentException("heartbeatIntervalMillis must be >= 1, was " + heartbeatIntervalMillis);
        }
    }

    public static IngestCdcConfig from(Settings settings) {
        return new IngestCdcConfig(
                settings.require(CommonKeys.JDBC_URL),
                settings.require(CommonKeys.JDBC_USER),
                settings.require(CommonKeys.JDBC_PASSWORD),
                settings.require(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                settings.require(CommonKeys.SCHEMA_REGISTRY_URL),
                Path.of(settings.require(CommonKeys.DATA_DIR)).resolve(SERVICE_NAME),
                settings.getInt(POLL_INTERVAL_MS, DEFAULT_POLL_INTERVAL_MS),
                (short) settings.getInt(TOPIC_REPLICATION_FACTOR, 1),
                settings.getInt(HEARTBEAT_INTERVAL_MS, DEFAULT_HEARTBEAT_INTERVAL_MS));
    }

    public PostgresLocation postgres() {
        return PostgresLocation.fromJdbcUrl(jdbcUrl);
    }

    public Path offsetsFile() {
        return workDirectory.resolve("offsets.dat");
    }

    /** Names the database the offsets belong to, so offsets of another database are never reused. */
    public Path offsetsSourceFile() {
        return workDirectory.resolve("offsets.source");
    }

    /** The embedded engine's and the PostgreSQL connector's properties. */
    public Properties debeziumProperties() {
        PostgresLocation location = postgres();
        Properties props = new Properties();
        props.setProperty("name", SERVICE_NAME);
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.setProperty("offset.storage.file.filename", offsetsFile().toAbsolutePath().toString());
        props.setProperty("offset.flush.interval.ms", Integer.toString(OFFSET_FLUSH_INTERVAL_MS));

        props.setProperty("database.hostname", location.host());
        props.setProperty("database.port", Integer.toString(location.port()));
        props.setProperty("database.dbname", location.database());
        props.setProperty("database.user", user);
        props.setProperty("database.password", password);

        props.setProperty("topic.prefix", TOPIC_PREFIX);
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", SLOT_NAME);
        props.setProperty("publication.name", PUBLICATION_NAME);
        props.setProperty("publication.autocreate.mode", "disabled");
        props.setProperty("table.include.list", CAPTURED_TABLES);
        props.setProperty("snapshot.mode", "initial");
        // Money arrives as the exact decimal text ("19.99") and becomes cents without a double.
        props.setProperty("decimal.handling.mode", "string");
        props.setProperty("poll.interval.ms", Integer.toString(pollIntervalMillis));
        props.setProperty("tombstones.on.delete", "false");
        // A heartbeat alone carries the position of the last change the connector received; while
        // only uncaptured tables change, that position stands still and so does the slot. Writing
        // a captured row on every heartbeat hands the connector a fresh position to commit.
        props.setProperty("heartbeat.interval.ms", Integer.toString(heartbeatIntervalMillis));
        props.setProperty("heartbeat.action.query", HEARTBEAT_ACTION_QUERY);
        return props;
    }
}
