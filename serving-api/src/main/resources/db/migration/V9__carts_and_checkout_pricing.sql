-- Carts, checkout pricing (tax by region, shipping per seller parcel) and the buyer's region (issue 3).

-- One active cart per user. A cart not changed for 30 days expires: it is never shown again and is
-- deleted lazily (on the owner's next cart request) with its items.
CREATE TABLE shopping_carts (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX shopping_carts_user_idx ON shopping_carts (user_id);
CREATE INDEX shopping_carts_expires_idx ON shopping_carts (expires_at);

-- Each item remembers the unit price and currency it was added at: checkout compares them with the
-- current price and refuses to charge a changed one silently. Saved-for-later items stay in the cart
-- row but out of its totals. One currency per cart, enforced by the API under the cart's row lock.
CREATE TABLE cart_items (
    id              BIGSERIAL PRIMARY KEY,
    cart_id         BIGINT NOT NULL REFERENCES shopping_carts(id) ON DELETE CASCADE,
    product_id      BIGINT NOT NULL REFERENCES products(id),
    quantity        INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price      NUMERIC(12,2) NOT NULL CHECK (unit_price >= 0),
    currency        CHAR(3) NOT NULL,
    saved_for_later BOOLEAN NOT NULL DEFAULT FALSE,
    added_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT cart_items_cart_product_key UNIQUE (cart_id, product_id)
);

-- Tax by region ('eu-west', 'us-east', ... or 'default') and optionally by category; the most
-- specific row wins: (region, category), (region), ('default', category), ('default').
CREATE TABLE tax_rates (
    id          BIGSERIAL PRIMARY KEY,
    region      VARCHAR(64) NOT NULL,
    category_id BIGINT REFERENCES categories(id),
    rate        NUMERIC(7,5) NOT NULL CHECK (rate >= 0 AND rate < 1),
    name        VARCHAR(100) NOT NULL,
    CONSTRAINT tax_rates_region_category_key UNIQUE NULLS NOT DISTINCT (region, category_id)
);
INSERT INTO tax_rates (region, rate, name) VALUES
    ('eu-west', 0.20000, 'EU West VAT'),
    ('eu-north', 0.25000, 'EU North VAT'),
    ('eu-central', 0.19000, 'EU Central VAT'),
    ('us-east', 0.08875, 'US East sales tax'),
    ('us-west', 0.07250, 'US West sales tax'),
    ('default', 0.10000, 'Default tax');

-- Where an address's country ships from: the buyer's region for tax, warehouse choice and shipping zone.
CREATE TABLE country_regions (
    country CHAR(2) PRIMARY KEY,
    region  VARCHAR(64) NOT NULL
);
INSERT INTO country_regions (country, region) VALUES
    ('GB', 'eu-west'), ('IE', 'eu-west'), ('FR', 'eu-west'), ('BE', 'eu-west'), ('NL', 'eu-west'),
    ('LU', 'eu-west'), ('ES', 'eu-west'), ('PT', 'eu-west'),
    ('DE', 'eu-central'), ('AT', 'eu-central'), ('CH', 'eu-central'), ('PL', 'eu-central'),
    ('CZ', 'eu-central'), ('IT', 'eu-central'),
    ('SE', 'eu-north'), ('NO', 'eu-north'), ('DK', 'eu-north'), ('FI', 'eu-north'), ('IS', 'eu-north'),
    ('US', 'us-east'), ('CA', 'us-east'), ('MX', 'us-west');

-- Carrier rates in more than one currency: a parcel is priced in the currency of its order.
ALTER TABLE carrier_rates DROP CONSTRAINT carrier_rates_carrier_id_zone_max_weight_grams_key;
ALTER TABLE carrier_rates ADD CONSTRAINT carrier_rates_carrier_zone_weight_currency_key
    UNIQUE (carrier_id, zone, max_weight_grams, currency);
INSERT INTO carrier_rates (carrier_id, zone, max_weight_grams, price, currency, delivery_days)
SELECT carrier_id, zone, max_weight_grams, price, 'EUR', delivery_days FROM carrier_rates WHERE currency = 'USD';

-- What checkout priced: per-line tax, the carrier and the destination region of the order.
ALTER TABLE order_items ADD COLUMN tax_amount NUMERIC(12,2) NOT NULL DEFAULT 0 CHECK (tax_amount >= 0);
ALTER TABLE orders ADD COLUMN shipping_region VARCHAR(64);
ALTER TABLE orders ADD COLUMN shipping_carrier VARCHAR(32);
