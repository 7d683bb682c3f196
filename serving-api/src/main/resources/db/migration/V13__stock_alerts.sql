-- Stock alerts raised by inventory-streams (topic stock-alerts), kept for the dashboard and the
-- sellers (issue 4). One row per alert: the natural identity (product, type, WAL position of the
-- inventory change that raised it) is unique, so a re-delivered alert stores nothing twice.
-- product_id has no foreign key: an alert about a product unknown here is still worth keeping.

CREATE TABLE stock_alerts (
    id                  BIGSERIAL PRIMARY KEY,
    product_id          BIGINT NOT NULL,
    seller_id           BIGINT REFERENCES sellers(id),
    alert_type          VARCHAR(20) NOT NULL,
    available           INTEGER NOT NULL,
    on_hand             INTEGER NOT NULL,
    low_stock_threshold INTEGER NOT NULL,
    reorder_point       INTEGER NOT NULL,
    suggested_quantity  INTEGER,
    units_per_day       NUMERIC(12,3) NOT NULL,
    source_lsn          BIGINT NOT NULL,
    raised_at           TIMESTAMPTZ NOT NULL,
    received_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT stock_alerts_natural_identity UNIQUE (product_id, alert_type, source_lsn)
);
CREATE INDEX stock_alerts_recent_idx ON stock_alerts (raised_at DESC, id DESC);
CREATE INDEX stock_alerts_seller_idx ON stock_alerts (seller_id, raised_at DESC);
