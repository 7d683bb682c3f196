package dev.streamcart.schemas.config;

/**
 * Configuration keys shared by several services. Each service documents its own keys in its
 * README; these are the ones that wire the services to the same infrastructure.
 */
public final class CommonKeys {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    /** Replication factor of the topics a service creates; 1 on one machine, 3 in production. */
    public static final String KAFKA_TOPIC_REPLICATION_FACTOR = "kafka.topic-replication-factor";
    public static final String SCHEMA_REGISTRY_URL = "schema-registry.url";
    public static final String JDBC_URL = "postgres.jdbc-url";
    public static final String JDBC_USER = "postgres.user";
    public static final String JDBC_PASSWORD = "postgres.password";
    /**
     * The least-privilege role serving-api connects as (its migrations create it and run as
     * {@link #JDBC_USER}, the owner); the launcher hands its generated password to serving-api.
     */
    public static final String JDBC_APP_USER = "postgres.app-user";
    public static final String JDBC_APP_PASSWORD = "postgres.app-password";
    public static final String CLICKHOUSE_URL = "clickhouse.url";
    public static final String CLICKHOUSE_DATABASE = "clickhouse.database";
    public static final String CLICKHOUSE_USER = "clickhouse.user";
    public static final String CLICKHOUSE_PASSWORD = "clickhouse.password";
    public static final String DATA_DIR = "platform.data-dir";
    public static final String MODELS_DIR = "recommender.models-dir";
    /** Pid of the process that started this one; a service exits when it disappears. */
    public static final String PARENT_PID = "platform.parent-pid";

    private CommonKeys() {}
}
