-- Search filters and counts availability on every request. Looking it up in inventory means a join
-- over the whole matching set; a flag on the product, kept by a trigger, makes it a column read.
-- The trigger writes the product only when the flag flips (a product selling out or coming back),
-- so ordinary reservations do not touch products (nor its CDC stream).
ALTER TABLE products ADD COLUMN in_stock BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE products p SET in_stock = TRUE
WHERE EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = p.id AND i.quantity > i.reserved_quantity);

CREATE FUNCTION refresh_product_in_stock(target BIGINT) RETURNS VOID AS $$
    UPDATE products p
    SET in_stock = available.any
    FROM (SELECT EXISTS (SELECT 1 FROM inventory i WHERE i.product_id = target AND i.quantity > i.reserved_quantity)
              AS any) available
    WHERE p.id = target AND p.in_stock IS DISTINCT FROM available.any;
$$ LANGUAGE sql;

CREATE FUNCTION inventory_refresh_in_stock() RETURNS TRIGGER AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM refresh_product_in_stock(OLD.product_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.product_id <> OLD.product_id) THEN
        PERFORM refresh_product_in_stock(NEW.product_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER inventory_in_stock
    AFTER INSERT OR DELETE OR UPDATE OF product_id, quantity, reserved_quantity ON inventory
    FOR EACH ROW EXECUTE FUNCTION inventory_refresh_in_stock();
