-- Shipping, delivery tracking, refunds and the notifications store (issue 3).

CREATE TABLE carriers (
    id          BIGSERIAL PRIMARY KEY,
    code        VARCHAR(32) NOT NULL UNIQUE,
    name        VARCHAR(100) NOT NULL,
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One price per carrier, zone and weight band; a parcel takes the smallest band that holds it.
-- Zone 1: same region as the warehouse, 2: same continent (region prefix), 3: elsewhere.
CREATE TABLE carrier_rates (
    id               BIGSERIAL PRIMARY KEY,
    carrier_id       BIGINT NOT NULL REFERENCES carriers(id),
    zone             INTEGER NOT NULL CHECK (zone BETWEEN 1 AND 3),
    max_weight_grams INTEGER NOT NULL CHECK (max_weight_grams > 0),
    price            NUMERIC(12,2) NOT NULL CHECK (price >= 0),
    currency         CHAR(3) NOT NULL DEFAULT 'USD',
    delivery_days    INTEGER NOT NULL CHECK (delivery_days > 0),
    UNIQUE (carrier_id, zone, max_weight_grams)
);

INSERT INTO carriers (code, name) VALUES
    ('streampost', 'StreamPost Standard'),
    ('swiftship', 'SwiftShip Express'),
    ('cargoline', 'CargoLine Freight');

INSERT INTO carrier_rates (carrier_id, zone, max_weight_grams, price, delivery_days)
SELECT c.id, r.zone, r.max_weight_grams, r.price, r.delivery_days
FROM carriers c JOIN (VALUES
    ('streampost', 1, 1000, 4.99, 3), ('streampost', 1, 5000, 7.99, 3), ('streampost', 1, 30000, 14.99, 4),
    ('streampost', 2, 1000, 8.99, 5), ('streampost', 2, 5000, 12.99, 5), ('streampost', 2, 30000, 24.99, 6),
    ('streampost', 3, 1000, 14.99, 9), ('streampost', 3, 5000, 22.99, 10), ('streampost', 3, 30000, 44.99, 12),
    ('swiftship', 1, 1000, 9.99, 1), ('swiftship', 1, 5000, 14.99, 1), ('swiftship', 1, 30000, 29.99, 2),
    ('swiftship', 2, 1000, 16.99, 2), ('swiftship', 2, 5000, 24.99, 2), ('swiftship', 2, 30000, 49.99, 3),
    ('swiftship', 3, 1000, 29.99, 3), ('swiftship', 3, 5000, 44.99, 4), ('swiftship', 3, 30000, 89.99, 5),
    ('cargoline', 1, 30000, 19.99, 4), ('cargoline', 1, 1000000, 79.99, 5),
    ('cargoline', 2, 30000, 29.99, 6), ('cargoline', 2, 1000000, 119.99, 7),
    ('cargoline', 3, 30000, 49.99, 10), ('cargoline', 3, 1000000, 199.99, 14)
) AS r(code, zone, max_weight_grams, price, delivery_days) ON r.code = c.code;

CREATE TABLE shipments (
    id              BIGSERIAL PRIMARY KEY,
    order_id        BIGINT NOT NULL REFERENCES orders(id),
    carrier_id      BIGINT NOT NULL REFERENCES carriers(id),
    tracking_number VARCHAR(64) NOT NULL,
    status          VARCHAR(32) NOT NULL CHECK (status IN ('SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED')),
    shipped_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ,
    UNIQUE (carrier_id, tracking_number)
);
CREATE INDEX shipments_order_idx ON shipments (order_id);

-- Which warehouse's units left in which shipment: a refund of shipped goods restocks them there.
CREATE TABLE shipment_items (
    id            BIGSERIAL PRIMARY KEY,
    shipment_id   BIGINT NOT NULL REFERENCES shipments(id),
    order_item_id BIGINT NOT NULL REFERENCES order_items(id),
    product_id    BIGINT NOT NULL,
    warehouse_id  BIGINT NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    FOREIGN KEY (product_id, warehouse_id) REFERENCES inventory (product_id, warehouse_id)
);
CREATE INDEX shipment_items_shipment_idx ON shipment_items (shipment_id);

CREATE TABLE tracking_events (
    id          BIGSERIAL PRIMARY KEY,
    shipment_id BIGINT NOT NULL REFERENCES shipments(id),
    status      VARCHAR(32) NOT NULL CHECK (status IN ('SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED')),
    location    VARCHAR(200),
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX tracking_events_shipment_idx ON tracking_events (shipment_id, id);

CREATE TABLE refunds (
    id                BIGSERIAL PRIMARY KEY,
    order_id          BIGINT NOT NULL REFERENCES orders(id),
    payment_id        BIGINT NOT NULL REFERENCES payments(id),
    amount            NUMERIC(12,2) NOT NULL CHECK (amount > 0),
    currency          CHAR(3) NOT NULL,
    reason            VARCHAR(200) NOT NULL,
    gateway_reference VARCHAR(100) NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refunds_order_idx ON refunds (order_id);

-- Units returned by a refund, and where they went back: on hand (shipped) or out of the reservation.
CREATE TABLE refund_items (
    id            BIGSERIAL PRIMARY KEY,
    refund_id     BIGINT NOT NULL REFERENCES refunds(id),
    order_item_id BIGINT NOT NULL REFERENCES order_items(id),
    product_id    BIGINT NOT NULL,
    warehouse_id  BIGINT NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    restock       VARCHAR(16) NOT NULL CHECK (restock IN ('ON_HAND', 'RELEASED'))
);
CREATE INDEX refund_items_refund_idx ON refund_items (refund_id);

CREATE TABLE notifications (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    kind         VARCHAR(32) NOT NULL,
    order_id     BIGINT REFERENCES orders(id),
    title        VARCHAR(200) NOT NULL,
    message      TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at TIMESTAMPTZ
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_undelivered_idx ON notifications (id) WHERE delivered_at IS NULL;
