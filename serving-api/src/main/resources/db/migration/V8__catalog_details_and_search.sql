-- Catalog details and search (issue 3): tags, images, ratings, price history and full-text search.
-- Brand, attributes (JSONB; `weightGrams` is the shipping weight) and is_active exist since V1.

ALTER TABLE products ADD COLUMN IF NOT EXISTS tags TEXT[] NOT NULL DEFAULT '{}';
-- Kept by the reviews feature; created here because search filters and sorts on them.
ALTER TABLE products ADD COLUMN IF NOT EXISTS rating_avg NUMERIC(3,2);
ALTER TABLE products ADD COLUMN IF NOT EXISTS rating_count INTEGER NOT NULL DEFAULT 0;

-- The images of a product in display order (position 0 is the main image).
CREATE TABLE product_images (
    id          BIGSERIAL PRIMARY KEY,
    product_id  BIGINT NOT NULL REFERENCES products(id),
    url         VARCHAR(2048) NOT NULL,
    alt_text    VARCHAR(255),
    position    INTEGER NOT NULL CHECK (position >= 0),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT product_images_position_key UNIQUE (product_id, position)
);

-- Every price change, written in the transaction of the change (with its PRICE_CHANGED outbox row).
CREATE TABLE product_price_history (
    id          BIGSERIAL PRIMARY KEY,
    product_id  BIGINT NOT NULL REFERENCES products(id),
    old_price   NUMERIC(12,2) NOT NULL CHECK (old_price >= 0),
    new_price   NUMERIC(12,2) NOT NULL CHECK (new_price >= 0),
    currency    CHAR(3) NOT NULL,
    changed_by  BIGINT REFERENCES users(id),
    changed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX product_price_history_product_idx ON product_price_history (product_id, changed_at);

-- The text a search matches, weighted: name A, brand and tags B, description C. IMMUTABLE (fixed
-- configuration, schema-qualified calls) so that it may define a generated column.
CREATE FUNCTION product_search_document(name TEXT, brand TEXT, tags TEXT[], description TEXT)
    RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::regconfig, COALESCE(name, '')), 'A')
        || pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::regconfig, COALESCE(brand, '')), 'B')
        || pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::regconfig,
                COALESCE(pg_catalog.array_to_string(tags, ' '), '')), 'B')
        || pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::regconfig, COALESCE(description, '')), 'C');

-- Generated columns are not replicated by pgoutput (PostgreSQL 17), so CDC never carries this one.
ALTER TABLE products ADD COLUMN search_document tsvector
    GENERATED ALWAYS AS (product_search_document(name, brand, tags, description)) STORED;
CREATE INDEX products_search_idx ON products USING GIN (search_document);

-- Filters, sorts and facets of the search on active products. The INCLUDE columns let the facet
-- counts of a large filtered set (a price range, a department) come from an index-only scan instead
-- of the wide product rows.
CREATE INDEX products_active_price_idx ON products (price)
    INCLUDE (id, category_id, brand, rating_avg) WHERE is_active;
CREATE INDEX products_active_category_idx ON products (category_id)
    INCLUDE (id, price, brand, rating_avg) WHERE is_active;
CREATE INDEX products_active_created_idx ON products (created_at) WHERE is_active;
CREATE INDEX products_active_brand_idx ON products (brand) WHERE is_active;
CREATE INDEX products_active_rating_idx ON products (rating_avg DESC NULLS LAST, rating_count DESC) WHERE is_active;
-- A product is in stock when a warehouse holds an unreserved unit: since 0 <= reserved <= quantity
-- per row, sum(quantity - reserved) > 0 exactly when some row has quantity > reserved.
CREATE INDEX inventory_available_idx ON inventory (product_id) WHERE quantity > reserved_quantity;
