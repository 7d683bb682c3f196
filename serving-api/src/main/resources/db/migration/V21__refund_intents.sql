-- A refund calls the payment gateway, which may take seconds. It must not do so while a transaction
-- holds the order's row lock (every checkout, payment and shipment of the order would queue behind
-- it), so a refund is now two short transactions around the call: the first records it PENDING
-- (its amount and units already count against what is refundable, so concurrent refunds can never
-- exceed the capture), the second completes it with the provider's reference and moves the stock.
-- A refund the provider refused is deleted; one whose answer never came stays PENDING until a
-- retry with the same Idempotency-Key asks the provider again (providers deduplicate on it).
ALTER TABLE refunds ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'COMPLETED'
    CHECK (status IN ('PENDING', 'COMPLETED'));
ALTER TABLE refunds ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE refunds ADD COLUMN request_hash CHAR(64);
ALTER TABLE refunds ALTER COLUMN gateway_reference DROP NOT NULL;
ALTER TABLE refunds ADD CONSTRAINT refunds_completed_have_a_reference
    CHECK (status = 'PENDING' OR gateway_reference IS NOT NULL);
-- Keys are per endpoint, and the endpoint names the order.
CREATE UNIQUE INDEX refunds_order_idempotency_key_idx ON refunds (order_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- The units a refund takes back, as asked for, between the two transactions (the second one
-- decides where each unit goes: out of the reservation or back on hand).
CREATE TABLE refund_requested_items (
    refund_id     BIGINT NOT NULL REFERENCES refunds(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    order_item_id BIGINT NOT NULL REFERENCES order_items(id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (refund_id, position)
);
CREATE INDEX refund_requested_items_item_idx ON refund_requested_items (order_item_id);
