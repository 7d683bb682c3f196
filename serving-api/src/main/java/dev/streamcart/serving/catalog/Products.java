package dev.streamcart.serving.catalog;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.schemas.catalog.ProductPriceChanged;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.serving.db.References;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.events.OutboxWriter;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * Adds products to the catalog, edits them for their seller, changes prices, and reads them back.
 * A price change writes its history row and its PRICE_CHANGED outbox event in its own transaction.
 */
public final class Products {

    public record NewProduct(long sellerId, long categoryId, String sku, String name, @Nullable String description,
                             BigDecimal price, String currency, @Nullable String brand, @Nullable Integer weightGrams,
                             Map<String, Object> attributes, List<String> tags, List<ProductImage> images,
                             boolean active) {
        public NewProduct {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(currency, "currency");
            attributes = Map.copyOf(attributes);
            tags = List.copyOf(tags);
            images = List.copyOf(images);
            if (price.signum() < 0) {
                throw DomainException.invalidInput("'price' must not be negative");
            }
        }
    }

    /**
     * What a seller changes; a null field stays as it is. {@code clearDescription}, {@code clearBrand}
     * and {@code clearWeight} remove the value (the client sent null). Attributes, tags and images,
     * when given, replace the old ones.
     */
    public record ProductChange(@Nullable Long categoryId, @Nullable String name, @Nullable String description,
                                boolean clearDescription, @Nullable String brand, boolean clearBrand,
                                @Nullable Integer weightGrams, boolean clearWeight,
                                @Nullable Map<String, Object> attributes, @Nullable List<String> tags,
                                @Nullable List<ProductImage> images, @Nullable Boolean active) {}

    /** A committed price change. */
    public record PriceChange(long productId, long sellerId, BigDecimal oldPrice, BigDecimal newPrice, String currency,
                              boolean changed) {}

    /** Who is acting: a seller changes only its own products; {@code sellerId} null means an admin. */
    public record Actor(long userId, @Nullable Long sellerId) {}

    public static final String PRICE_CHANGED = "PRICE_CHANGED";

    private static final TypeReference<List<Map<String, Object>>> IMAGE_LIST = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTE_MAP = new TypeReference<>() {};

    private final Transactions transactions;
    private final ObjectMapper json;
    private final OutboxWriter outbox;

    public Products(Transactions transactions, ObjectMapper json, OutboxWriter outbox) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.json = Objects.requireNonNull(json, "json");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    public long create(NewProduct product) {
        return transactions.inTransaction(connection -> {
            References.requireExists(connection, "sellers", "seller", product.sellerId());
            References.requireExists(connection, "categories", "category", product.categoryId());
            long id;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO products (seller_id, category_id, sku, name, description, price, currency, brand,
                                          attributes, tags, is_active)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (sku) DO NOTHING RETURNING id""")) {
                insert.setLong(1, product.sellerId());
                insert.setLong(2, product.categoryId());
                insert.setString(3, product.sku());
                insert.setString(4, product.name());
                insert.setString(5, product.description());
                insert.setBigDecimal(6, product.price());
                insert.setString(7, product.currency());
                insert.setString(8, product.brand());
                insert.setString(9, attributesJson(product.attributes(), product.weightGrams()));
                insert.setArray(10, connection.createArrayOf("text", product.tags().toArray()));
                insert.setBoolean(11, product.active());
                try (ResultSet row = insert.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.conflict("a product with SKU '" + product.sku() + "' already exists");
                    }
                    id = row.getLong(1);
                }
            }
            replaceImages(connection, id, product.images());
            return id;
        });
    }

    /** Applies a seller's change; 404 for a product that does not exist or is another seller's. */
    public void change(Actor actor, long productId, ProductChange change) {
        transactions.inTransaction(connection -> {
            Owned owned = lockOwned(connection, actor, productId);
            if (change.categoryId() != null) {
                References.requireExists(connection, "categories", "category", change.categoryId());
            }
            Map<String, Object> attributes = change.attributes() != null
                    ? new LinkedHashMap<>(change.attributes()) : owned.attributes();
            Integer weight = change.clearWeight() ? null
                    : change.weightGrams() != null ? change.weightGrams() : owned.weightGrams();
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE products SET category_id = COALESCE(?, category_id), name = COALESCE(?, name),
                           description = CASE WHEN ? THEN NULL ELSE COALESCE(?, description) END,
                           brand = CASE WHEN ? THEN NULL ELSE COALESCE(?, brand) END,
                           attributes = ?::jsonb, tags = COALESCE(?, tags), is_active = COALESCE(?, is_active),
                           updated_at = now()
                    WHERE id = ?""")) {
                update.setObject(1, change.categoryId());
                update.setString(2, change.name());
                update.setBoolean(3, change.clearDescription());
                update.setString(4, change.description());
                update.setBoolean(5, change.clearBrand());
                update.setString(6, change.brand());
                update.setString(7, attributesJson(attributes, weight));
                update.setArray(8, change.tags() == null ? null : connection.createArrayOf("text", change.tags().toArray()));
                update.setObject(9, change.active());
                update.setLong(10, productId);
                update.executeUpdate();
            }
            if (change.images() != null) {
                replaceImages(connection, productId, change.images());
            }
            return null;
        });
    }

    /** Sets a new price; the history row and the outbox event exist exactly when the change commits. */
    public PriceChange changePrice(Actor actor, long productId, BigDecimal newPrice) {
        return transactions.inTransaction(connection -> {
            Owned owned = lockOwned(connection, actor, productId);
            if (owned.price().compareTo(newPrice) == 0) {
                return new PriceChange(productId, owned.sellerId(), owned.price(), owned.price(), owned.currency(), false);
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE products SET price = ?, updated_at = now() WHERE id = ?")) {
                update.setBigDecimal(1, newPrice);
                update.setLong(2, productId);
                update.executeUpdate();
            }
            try (PreparedStatement history = connection.prepareStatement("""
                    INSERT INTO product_price_history (product_id, old_price, new_price, currency, changed_by)
                    VALUES (?, ?, ?, ?, ?)""")) {
                history.setLong(1, productId);
                history.setBigDecimal(2, owned.price());
                history.setBigDecimal(3, newPrice);
                history.setString(4, owned.currency());
                history.setLong(5, actor.userId());
                history.executeUpdate();
            }
            outbox.append(connection, OutboxAggregate.PRODUCT, productId, PRICE_CHANGED,
                    (eventId, occurredAt) -> ProductPriceChanged.newBuilder()
                            .setEventId(eventId)
                            .setProductId(productId)
                            .setSellerId(owned.sellerId())
                            .setOldPriceCents(Money.toCents(owned.price()))
                            .setNewPriceCents(Money.toCents(newPrice))
                            .setCurrency(owned.currency())
                            .setOccurredAt(occurredAt)
                            .build());
            return new PriceChange(productId, owned.sellerId(), owned.price(), newPrice, owned.currency(), true);
        });
    }

    private record Owned(long sellerId, BigDecimal price, String currency, Map<String, Object> attributes,
                         @Nullable Integer weightGrams) {}

    private Owned lockOwned(Connection connection, Actor actor, long productId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seller_id, price, currency, attributes FROM products WHERE id = ? FOR UPDATE")) {
            select.setLong(1, productId);
            try (ResultSet row = select.executeQuery()) {
                // another seller's product answers exactly like a missing one
                if (!row.next() || (actor.sellerId() != null && row.getLong(1) != actor.sellerId())) {
                    throw DomainException.notFound("product", productId);
                }
                Map<String, Object> attributes = readAttributes(row.getString(4));
                Integer weight = weightOf(attributes.remove(ProductFields.WEIGHT_ATTRIBUTE));
                return new Owned(row.getLong(1), row.getBigDecimal(2), row.getString(3).trim(), attributes, weight);
            }
        }
    }

    public Optional<Product> find(long productId) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT p.id, p.seller_id, p.category_id, p.sku, p.name, p.description, p.brand, p.price, p.currency,
                           p.is_active, p.attributes, p.tags, p.rating_avg, p.rating_count, p.created_at, p.updated_at,
                           (SELECT json_agg(json_build_object('url', i.url, 'altText', i.alt_text, 'position', i.position)
                                            ORDER BY i.position)
                            FROM product_images i WHERE i.product_id = p.id) AS images
                    FROM products p WHERE p.id = ?""")) {
                select.setLong(1, productId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Map<String, Object> attributes = readAttributes(row.getString(11));
                    Integer weight = weightOf(attributes.remove(ProductFields.WEIGHT_ATTRIBUTE));
                    return Optional.of(new Product(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4),
                            row.getString(5), row.getString(6), row.getString(7), row.getBigDecimal(8),
                            row.getString(9).trim(), row.getBoolean(10), weight, attributes, tags(row.getArray(12)),
                            images(row.getString(17)), row.getBigDecimal(13), row.getInt(14),
                            row.getTimestamp(15).toInstant(), row.getTimestamp(16).toInstant()));
                }
            }
        });
    }

    private static void replaceImages(Connection connection, long productId, List<ProductImage> images) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM product_images WHERE product_id = ?")) {
            delete.setLong(1, productId);
            delete.executeUpdate();
        }
        if (images.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO product_images (product_id, url, alt_text, position) VALUES (?, ?, ?, ?)")) {
            for (ProductImage image : images) {
                insert.setLong(1, productId);
                insert.setString(2, image.url());
                insert.setString(3, image.altText());
                insert.setInt(4, image.position());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private String attributesJson(Map<String, Object> attributes, @Nullable Integer weightGrams) {
        Map<String, Object> stored = new LinkedHashMap<>(attributes);
        stored.remove(ProductFields.WEIGHT_ATTRIBUTE);
        if (weightGrams != null) {
            // shipping reads the weight from this attribute
            stored.put(ProductFields.WEIGHT_ATTRIBUTE, weightGrams);
        }
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write product attributes", e);
        }
    }

    private Map<String, Object> readAttributes(@Nullable String text) {
        if (text == null) {
            return new LinkedHashMap<>();
        }
        try {
            LinkedHashMap<String, Object> attributes = json.readValue(text, ATTRIBUTE_MAP);
            attributes.values().removeIf(Objects::isNull);
            return attributes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable product attributes", e);
        }
    }

    private static @Nullable Integer weightOf(@Nullable Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }

    private static List<String> tags(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> tags = new ArrayList<>(values.length);
        for (Object value : values) {
            tags.add((String) value);
        }
        return tags;
    }

    private List<ProductImage> images(@Nullable String text) {
        if (text == null) {
            return List.of();
        }
        try {
            List<ProductImage> images = new ArrayList<>();
            for (Map<String, Object> image : json.readValue(text, IMAGE_LIST)) {
                images.add(new ProductImage((String) image.get("url"), (String) image.get("altText"),
                        ((Number) image.get("position")).intValue()));
            }
            return images;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable product images", e);
        }
    }
}
