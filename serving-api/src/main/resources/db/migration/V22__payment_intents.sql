-- A payment calls the payment gateway (authorise, capture, void), which may take seconds with its
-- retries. It must not do so while a transaction holds the order's row lock (every cancel, expiry,
-- shipment or refund of the order would queue behind it, and a pooled connection would sit idle),
-- so a payment is now short transactions around the calls, and its row says where it stands:
--   PENDING    claimed, the authorisation is being asked for (a second payment of the order is refused);
--   CAPTURING  authorised, the capture is being asked for (the order is no longer cancelled or expired:
--              the money may be taken at any moment);
--   then AUTHORIZED (manual capture), CAPTURED, FAILED or VOIDED as before.
-- The payment row carries the request's Idempotency-Key, so a retry after a lost answer finds it and
-- asks the provider again with the same references (providers deduplicate on them).
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('PENDING', 'AUTHORIZED', 'CAPTURING', 'CAPTURED', 'VOIDED', 'FAILED', 'REFUNDED',
                      'PARTIALLY_REFUNDED'));
-- Since when a capture has been asked for: one that no request came back to finish (a capture whose
-- answers were all lost, never retried) is resumed by the reconciler after a while.
ALTER TABLE payments ADD COLUMN capturing_since TIMESTAMPTZ;
ALTER TABLE payments ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE payments ADD COLUMN request_hash CHAR(64);
-- Keys are per endpoint, and the endpoint names the order.
CREATE UNIQUE INDEX payments_order_idempotency_key_idx ON payments (order_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- At most one payment of an order in progress or holding an authorisation, whatever the
-- application checks: two concurrent payments of one order can never both reach the capture.
CREATE UNIQUE INDEX payments_one_open_per_order_idx ON payments (order_id)
    WHERE status IN ('PENDING', 'AUTHORIZED', 'CAPTURING');
