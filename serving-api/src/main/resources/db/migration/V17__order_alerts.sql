-- Alerts about orders raised by order-streams: SLA breaches (paid but not shipped in time) and
-- impossible transitions of the order state machine (anomalies). serving-api stores each once
-- (natural_key), for operators, and tells the sellers of a late order.
CREATE TABLE order_alerts (
    id          BIGSERIAL PRIMARY KEY,
    kind        VARCHAR(20)  NOT NULL CHECK (kind IN ('SLA_BREACH', 'ANOMALY')),
    natural_key VARCHAR(200) NOT NULL UNIQUE,
    order_id    BIGINT       NOT NULL,
    detail      TEXT         NOT NULL,
    raised_at   TIMESTAMPTZ  NOT NULL,
    stored_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX order_alerts_raised_idx ON order_alerts (raised_at DESC, id DESC);
CREATE INDEX order_alerts_order_idx ON order_alerts (order_id);
