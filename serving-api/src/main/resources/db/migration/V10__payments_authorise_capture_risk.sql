-- Payments (issue 3): methods, authorise then capture, the gateway calls behind each payment,
-- card fingerprints and the fraud risk score. Never a card number, never a CVC.

-- A payment is AUTHORIZED, then CAPTURED (or VOIDED); a decline or a risk block is FAILED.
-- DECLINED rows of earlier versions are FAILED now (decline_reason keeps why).
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
UPDATE payments SET status = 'FAILED' WHERE status = 'DECLINED';
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED'));
ALTER TABLE payments ADD CONSTRAINT payments_method_check CHECK (method IN ('card', 'wallet', 'bank_transfer'));

ALTER TABLE payments
    ADD COLUMN gateway_token    VARCHAR(100),            -- the provider's token for the instrument
    ADD COLUMN card_exp_month   SMALLINT CHECK (card_exp_month BETWEEN 1 AND 12),
    ADD COLUMN card_exp_year    SMALLINT CHECK (card_exp_year BETWEEN 2000 AND 2200),
    ADD COLUMN card_fingerprint CHAR(64),                -- HMAC-SHA256 of the card number with a server secret (hex)
    ADD COLUMN account_last4    VARCHAR(4),              -- wallet id or IBAN, last four characters
    ADD COLUMN device_id        VARCHAR(100),
    ADD COLUMN risk_score       SMALLINT CHECK (risk_score BETWEEN 0 AND 100),
    ADD COLUMN risk_reasons     TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN authorized_at    TIMESTAMPTZ,
    ADD COLUMN captured_at      TIMESTAMPTZ,
    ADD COLUMN voided_at        TIMESTAMPTZ;
CREATE INDEX payments_card_fingerprint_idx ON payments (card_fingerprint, created_at) WHERE card_fingerprint IS NOT NULL;

-- Every call made to the gateway for a payment, with the idempotency reference it carried and
-- how many attempts it took (a timed-out call is retried with the same reference).
CREATE TABLE payment_transactions (
    id                    BIGSERIAL PRIMARY KEY,
    payment_id            BIGINT NOT NULL REFERENCES payments(id),
    kind                  VARCHAR(16) NOT NULL CHECK (kind IN ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND')),
    status                VARCHAR(16) NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')),
    amount                NUMERIC(12,2) NOT NULL CHECK (amount >= 0),
    currency              CHAR(3) NOT NULL,
    idempotency_reference VARCHAR(300) NOT NULL,
    gateway_reference     VARCHAR(100),
    attempts              INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    failure_reason        VARCHAR(64),
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX payment_transactions_payment_idx ON payment_transactions (payment_id, id);

-- Devices (X-Device-Id) a user has paid from successfully: a device not in here is "new" for the risk score.
CREATE TABLE known_devices (
    user_id       BIGINT NOT NULL REFERENCES users(id),
    device_id     VARCHAR(100) NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, device_id)
);
