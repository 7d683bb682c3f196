-- Catalog and stock: sellers, the category tree, products, warehouses and stock per product and warehouse.
-- Emails are stored lower-cased by the API, so the plain UNIQUE constraints are case-insensitive in effect.

CREATE TABLE sellers (
    id               BIGSERIAL PRIMARY KEY,
    name             VARCHAR(255) NOT NULL,
    email            VARCHAR(255) NOT NULL UNIQUE,
    phone            VARCHAR(32),
    business_type    VARCHAR(50),
    tax_id           VARCHAR(100),
    commission_rate  NUMERIC(5,2) NOT NULL DEFAULT 15.00,
    is_verified      BOOLEAN NOT NULL DEFAULT FALSE,
    is_active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE categories (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    description TEXT,
    parent_id   BIGINT REFERENCES categories(id),
    level       INTEGER NOT NULL DEFAULT 1 CHECK (level >= 1),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX categories_parent_idx ON categories (parent_id);

CREATE TABLE warehouses (
    id         BIGSERIAL PRIMARY KEY,
    name       VARCHAR(255) NOT NULL,
    region     VARCHAR(100),
    is_active  BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id          BIGSERIAL PRIMARY KEY,
    seller_id   BIGINT NOT NULL REFERENCES sellers(id),
    category_id BIGINT NOT NULL REFERENCES categories(id),
    sku         VARCHAR(100) NOT NULL UNIQUE,
    name        VARCHAR(255) NOT NULL,
    description TEXT,
    brand       VARCHAR(100),
    price       NUMERIC(12,2) NOT NULL CHECK (price >= 0),
    sale_price  NUMERIC(12,2) CHECK (sale_price >= 0),
    currency    CHAR(3) NOT NULL DEFAULT 'USD',
    attributes  JSONB NOT NULL DEFAULT '{}'::jsonb,
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    is_featured BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX products_seller_idx ON products (seller_id);
CREATE INDEX products_category_idx ON products (category_id);
CREATE INDEX products_active_idx ON products (is_active);

-- One row per product and warehouse. The CHECK is the stock invariant of the whole platform:
-- no commit can ever reserve more than is on hand, whatever the concurrency.
CREATE TABLE inventory (
    id                  BIGSERIAL PRIMARY KEY,
    product_id          BIGINT NOT NULL REFERENCES products(id),
    warehouse_id        BIGINT NOT NULL REFERENCES warehouses(id),
    quantity            INTEGER NOT NULL DEFAULT 0,
    reserved_quantity   INTEGER NOT NULL DEFAULT 0,
    low_stock_threshold INTEGER NOT NULL DEFAULT 10,
    reorder_point       INTEGER NOT NULL DEFAULT 5,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT inventory_product_warehouse_key UNIQUE (product_id, warehouse_id),
    CONSTRAINT inventory_reserved_within_on_hand CHECK (0 <= reserved_quantity AND reserved_quantity <= quantity)
);
CREATE INDEX inventory_warehouse_idx ON inventory (warehouse_id);
