-- Reviews and ratings with photos, seller verification and ratings, soft-deleted addresses (issue 3).

-- The catalog migration (V8) may have created these already: either order of V8 and V11 works.
ALTER TABLE products ADD COLUMN IF NOT EXISTS rating_avg NUMERIC(3,2);
ALTER TABLE products ADD COLUMN IF NOT EXISTS rating_count INTEGER NOT NULL DEFAULT 0;

-- Seller ratings keep the seed design's names; verification is stamped so an operator can audit it.
ALTER TABLE sellers ADD COLUMN rating_average NUMERIC(3,2);
ALTER TABLE sellers ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sellers ADD COLUMN verified_at TIMESTAMPTZ;
ALTER TABLE sellers ADD CONSTRAINT sellers_commission_rate_range CHECK (commission_rate >= 0 AND commission_rate <= 50);
-- Unverified sellers cannot list products. Sellers that already list products were vetted before
-- verification existed, so they keep selling.
UPDATE sellers SET is_verified = TRUE, verified_at = now()
 WHERE NOT is_verified AND EXISTS (SELECT 1 FROM products p WHERE p.seller_id = sellers.id);

-- An address used by an order must stay readable for that order, so deleting one only hides it.
ALTER TABLE user_addresses ADD COLUMN deleted_at TIMESTAMPTZ;
ALTER TABLE user_addresses ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- One review per user and product, by a verified purchaser (checked by the API against paid orders).
CREATE TABLE reviews (
    id             BIGSERIAL PRIMARY KEY,
    product_id     BIGINT NOT NULL REFERENCES products(id),
    user_id        BIGINT NOT NULL REFERENCES users(id),
    order_id       BIGINT NOT NULL REFERENCES orders(id),
    rating         SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title          VARCHAR(200) NOT NULL,
    body           TEXT NOT NULL,
    helpful_count  INTEGER NOT NULL DEFAULT 0 CHECK (helpful_count >= 0),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reviews_one_per_user_and_product UNIQUE (product_id, user_id)
);
CREATE INDEX reviews_product_newest_idx ON reviews (product_id, created_at DESC, id DESC);
CREATE INDEX reviews_product_helpful_idx ON reviews (product_id, helpful_count DESC, created_at DESC, id DESC);

-- "Was this review helpful?": one vote per user and review; reviews.helpful_count is their number.
CREATE TABLE review_votes (
    review_id  BIGINT NOT NULL REFERENCES reviews(id),
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (review_id, user_id)
);

-- The bytes live in the content-addressed photo store, named by their SHA-256; the same photo on
-- two reviews is stored once.
CREATE TABLE review_photos (
    review_id    BIGINT NOT NULL REFERENCES reviews(id),
    sha256       CHAR(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type VARCHAR(32) NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (review_id, sha256)
);
CREATE INDEX review_photos_sha256_idx ON review_photos (sha256);

-- A seller's order items (GET /api/sellers/me/orders) and sales are read by seller.
CREATE INDEX IF NOT EXISTS order_items_seller_idx ON order_items (seller_id, order_id);
