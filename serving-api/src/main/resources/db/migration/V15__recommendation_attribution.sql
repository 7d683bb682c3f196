-- Issue 6: a cart line and an order line remember the A/B variant ('A' or 'B') of the
-- recommendation the product was added from, so order events can attribute purchases to it.
-- NULL: not added from a recommendation.
ALTER TABLE cart_items ADD COLUMN recommendation_variant VARCHAR(8)
    CHECK (recommendation_variant IN ('A', 'B'));
ALTER TABLE order_items ADD COLUMN recommendation_variant VARCHAR(8)
    CHECK (recommendation_variant IN ('A', 'B'));
