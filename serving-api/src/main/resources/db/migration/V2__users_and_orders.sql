-- Customers, orders, the stock each order item holds, and payments.

CREATE TABLE users (
    id                BIGSERIAL PRIMARY KEY,
    email             VARCHAR(255) NOT NULL UNIQUE,
    password_hash     VARCHAR(255) NOT NULL,
    first_name        VARCHAR(100) NOT NULL,
    last_name         VARCHAR(100) NOT NULL,
    phone             VARCHAR(32),
    is_email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    is_active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE user_addresses (
    id            BIGSERIAL PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users(id),
    address_type  VARCHAR(20) NOT NULL CHECK (address_type IN ('billing', 'shipping')),
    first_name    VARCHAR(100) NOT NULL,
    last_name     VARCHAR(100) NOT NULL,
    company       VARCHAR(255),
    address_line1 VARCHAR(255) NOT NULL,
    address_line2 VARCHAR(255),
    city          VARCHAR(100) NOT NULL,
    state         VARCHAR(100),
    postal_code   VARCHAR(20) NOT NULL,
    country       CHAR(2) NOT NULL,
    phone         VARCHAR(32),
    is_default    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX user_addresses_user_idx ON user_addresses (user_id);

-- status holds the OrderStatus symbols of the Avro schema (schemas/src/main/avro/common).
CREATE TABLE orders (
    id                  BIGSERIAL PRIMARY KEY,
    user_id             BIGINT NOT NULL REFERENCES users(id),
    status              VARCHAR(32) NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'FULFILLING', 'SHIPPED',
                            'DELIVERED', 'CANCELLED', 'PAYMENT_FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
    subtotal            NUMERIC(12,2) NOT NULL,
    tax_amount          NUMERIC(12,2) NOT NULL DEFAULT 0,
    shipping_amount     NUMERIC(12,2) NOT NULL DEFAULT 0,
    discount_amount     NUMERIC(12,2) NOT NULL DEFAULT 0,
    total               NUMERIC(12,2) NOT NULL CHECK (total >= 0),
    currency            CHAR(3) NOT NULL,
    billing_address_id  BIGINT REFERENCES user_addresses(id),
    shipping_address_id BIGINT REFERENCES user_addresses(id),
    notes               TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at);
CREATE INDEX orders_status_idx ON orders (status);

-- Prices, names and SKUs are copied at checkout: an order keeps what the customer saw.
CREATE TABLE order_items (
    id           BIGSERIAL PRIMARY KEY,
    order_id     BIGINT NOT NULL REFERENCES orders(id),
    product_id   BIGINT NOT NULL REFERENCES products(id),
    seller_id    BIGINT NOT NULL REFERENCES sellers(id),
    category_id  BIGINT NOT NULL REFERENCES categories(id),
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    unit_price   NUMERIC(12,2) NOT NULL CHECK (unit_price >= 0),
    total_price  NUMERIC(12,2) NOT NULL CHECK (total_price >= 0),
    product_name VARCHAR(255) NOT NULL,
    product_sku  VARCHAR(100) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_items_order_idx ON order_items (order_id);
CREATE INDEX order_items_product_idx ON order_items (product_id);

-- Which warehouse holds the stock of each order item, so a release (cancel, decline, expiry) or a
-- commit (shipment) knows exactly which inventory row to change. HELD -> RELEASED | COMMITTED.
CREATE TABLE stock_reservations (
    id            BIGSERIAL PRIMARY KEY,
    order_id      BIGINT NOT NULL REFERENCES orders(id),
    order_item_id BIGINT NOT NULL REFERENCES order_items(id),
    product_id    BIGINT NOT NULL,
    warehouse_id  BIGINT NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    status        VARCHAR(16) NOT NULL DEFAULT 'HELD' CHECK (status IN ('HELD', 'RELEASED', 'COMMITTED')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (product_id, warehouse_id) REFERENCES inventory (product_id, warehouse_id)
);
CREATE INDEX stock_reservations_order_idx ON stock_reservations (order_id);

-- A card number is never stored: only its brand, last four digits and the gateway's reference.
CREATE TABLE payments (
    id                BIGSERIAL PRIMARY KEY,
    order_id          BIGINT NOT NULL REFERENCES orders(id),
    method            VARCHAR(32) NOT NULL,
    status            VARCHAR(32) NOT NULL CHECK (status IN ('CAPTURED', 'DECLINED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
    amount            NUMERIC(12,2) NOT NULL CHECK (amount >= 0),
    currency          CHAR(3) NOT NULL,
    card_brand        VARCHAR(32),
    card_last4        CHAR(4),
    gateway_reference VARCHAR(100),
    decline_reason    VARCHAR(64),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX payments_order_idx ON payments (order_id);
