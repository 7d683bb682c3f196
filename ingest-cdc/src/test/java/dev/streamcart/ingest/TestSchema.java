package dev.streamcart.ingest;

/**
 * The captured tables as the shared contract defines them (the real migrations live in
 * serving-api, which builds later), with the publication the connector reads.
 */
final class TestSchema {

    static final String[] DDL = {
        """
        CREATE TABLE products (
            id bigserial PRIMARY KEY,
            seller_id bigint NOT NULL,
            category_id bigint,
            sku varchar(64) NOT NULL UNIQUE,
            name varchar(255) NOT NULL,
            description text,
            price numeric(12,2) NOT NULL,
            currency char(3) NOT NULL DEFAULT 'USD',
            is_active boolean NOT NULL DEFAULT true,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now())""",
        """
        CREATE TABLE inventory (
            id bigserial PRIMARY KEY,
            product_id bigint NOT NULL,
            warehouse_id bigint NOT NULL,
            quantity int NOT NULL DEFAULT 0,
            reserved_quantity int NOT NULL DEFAULT 0,
            low_stock_threshold int NOT NULL DEFAULT 10,
            reorder_point int NOT NULL DEFAULT 5,
            updated_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (product_id, warehouse_id),
            CHECK (0 <= reserved_quantity AND reserved_quantity <= quantity))""",
        """
        CREATE TABLE outbox (
            id uuid PRIMARY KEY,
            aggregate_type varchar(64) NOT NULL,
            aggregate_id varchar(64) NOT NULL,
            event_type varchar(64) NOT NULL,
            payload jsonb NOT NULL,
            schema_id integer,
            created_at timestamptz NOT NULL DEFAULT now())""",
        // Deletes must carry product and warehouse, not only the surrogate id.
        "ALTER TABLE products REPLICA IDENTITY FULL",
        "ALTER TABLE inventory REPLICA IDENTITY FULL",
        // Rewritten by the connector's heartbeat, so the slot advances while the rest is idle.
        "CREATE TABLE cdc_heartbeat (id smallint PRIMARY KEY CHECK (id = 1), beat_at timestamptz NOT NULL)",
        "INSERT INTO cdc_heartbeat (id, beat_at) VALUES (1, now())",
        "CREATE PUBLICATION streamcart_cdc FOR TABLE outbox, products, inventory, cdc_heartbeat"
    };

    private TestSchema() {}
}
