package dev.streamcart.ingest.catalog;

import java.util.List;

import dev.streamcart.ingest.capture.Columns;
import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.capture.RowChangeMapper;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.connect.data.Struct;

/**
 * A {@code products} row change becomes the product's new state on {@code product-changes}.
 * A delete carries whatever its before-image holds (every column with REPLICA IDENTITY FULL, the
 * id only otherwise) and is marked deleted and inactive.
 */
public final class ProductChangeMapper implements RowChangeMapper {

    @Override
    public List<OutgoingEvent<?>> map(RowChange change) {
        Struct row = change.row();
        boolean deleted = change.operation() == RowChange.Operation.DELETE;
        long productId = Columns.requiredLong(row, "id");
        ProductChanged.Builder product = ProductChanged.newBuilder()
                .setProductId(productId)
                .setSellerId(Columns.longOr(row, "seller_id", 0))
                .setCategoryId(Columns.longOr(row, "category_id", 0))
                .setCurrency(currency(row))
                .setDeleted(deleted)
                .setSourceLsn(change.lsn())
                .setCommittedAt(change.committedAt());
        if (deleted) {
            String sku = Columns.string(row, "sku");
            String name = Columns.string(row, "name");
            product.setSku(sku == null ? "" : sku)
                    .setName(name == null ? "" : name)
                    .setPriceCents(Columns.value(row, "price") == null ? 0 : Columns.cents(row, "price"))
                    .setActive(false);
        } else {
            product.setSku(Columns.requiredString(row, "sku"))
                    .setName(Columns.requiredString(row, "name"))
                    .setPriceCents(Columns.cents(row, "price"))
                    .setActive(Columns.booleanOr(row, "is_active", true));
        }
        return List.of(new OutgoingEvent<>(Topics.PRODUCT_CHANGES, Topics.key(productId), product.build()));
    }

    private static String currency(Struct row) {
        String currency = Columns.string(row, "currency");
        // char(3) is blank-padded; an absent value falls back to the column's default.
        return currency == null || currency.isBlank() ? "USD" : currency.trim();
    }
}
