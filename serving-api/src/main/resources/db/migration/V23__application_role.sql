-- The role serving-api's pool connects as (least privilege). The migrations keep running as
-- the owner; the API itself may only read and write rows, so a flaw in it (an injected statement, a
-- stolen connection) cannot drop, alter or truncate a table, create objects, or manage roles.
-- ${app_role} is a Flyway placeholder (postgres.app-user, default streamcart_app). No password here:
-- serving-api sets it at start from postgres.app-password (db.ApplicationRole), so it is never in a
-- migration, in flyway_schema_history, or in a statement PostgreSQL could log.

-- Roles belong to the server, not to a database: a second database on the same server (another
-- environment, a test class) finds it already there. Two such migrations at once may both pass the
-- check; the loser's CREATE then fails, which is the same outcome.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') THEN
        CREATE ROLE ${app_role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL;
END
$$;

-- CONNECT is PUBLIC's by default; granted by name so revoking it from PUBLIC later keeps the API working.
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${app_role}', current_database());
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${app_role};
-- PostgreSQL 15+ no longer lets PUBLIC create in the public schema; older servers did, and the
-- application role would have inherited that.
REVOKE CREATE ON SCHEMA ${flyway:defaultSchema} FROM PUBLIC;

-- Every table the API writes: read, insert, update (also what SELECT ... FOR UPDATE / FOR SHARE,
-- INSERT ... ON CONFLICT DO UPDATE and LOCK TABLE ... SHARE ROW EXCLUSIVE need).
GRANT SELECT, INSERT, UPDATE ON
    auth_tokens, cart_items, categories, idempotency_keys, inventory, known_devices, notifications,
    order_alerts, order_items, orders, outbox, payment_transactions, payments, product_images,
    product_price_history, products, refund_items, refund_requested_items, refunds, review_photos,
    review_votes, reviews, sellers, shipment_items, shipments, shopping_carts, stock_alerts,
    stock_reservations, tracking_events, user_addresses, user_preferences, users, warehouses
    TO ${app_role};

-- Reference data the migrations seed and the API only reads.
GRANT SELECT ON carriers, carrier_rates, country_regions, tax_rates TO ${app_role};

-- DELETE only where the code deletes: the retention sweepers (outbox, idempotency keys, expired
-- carts), cart lines, a product's replaced images, and a refund or payment claim withdrawn before
-- the provider was asked. Rows that reference these go by ON DELETE CASCADE, which PostgreSQL runs
-- with the referencing table owner's rights, so the children need no DELETE of their own.
GRANT DELETE ON cart_items, idempotency_keys, outbox, payments, product_images, refunds, shopping_carts
    TO ${app_role};

-- cdc_heartbeat (ingest-cdc's, as the owner) and flyway_schema_history are not the API's: no grant.

-- BIGSERIAL ids: nextval needs USAGE; SELECT for currval. No UPDATE: the API never calls setval.
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} TO ${app_role};

-- Tables and sequences a later migration creates (as this same owner) get the same rights, so a new
-- feature works without remembering a grant; DELETE, or less than SELECT/INSERT/UPDATE, that
-- migration grants or revokes itself.
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema}
    GRANT SELECT, INSERT, UPDATE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema}
    GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
