package dev.streamcart.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.streamcart.ingest.capture.ChangeRecords;
import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class ProductChangeMapperTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-26T10:00:00Z");
    private final ProductChangeMapper mapper = new ProductChangeMapper();

    @Test
    void productRowBecomesItsNewStateWithPriceInCents() {
        OutgoingEvent<?> event = mapper.map(ChangeRecords.change("products", RowChange.Operation.UPDATE, ChangeRecords.columns(
                "id", 5L, "seller_id", 1L, "category_id", 2L, "sku", "SKU-5", "name", "Mug", "description", "A mug",
                "price", "19.99", "currency", "EUR", "is_active", true), 900, COMMITTED)).get(0);

        assertThat(event.topic()).isEqualTo(Topics.PRODUCT_CHANGES);
        assertThat(event.key()).isEqualTo("5");
        assertThat(event.value()).isEqualTo(ProductChanged.newBuilder()
                .setProductId(5).setSellerId(1).setCategoryId(2).setSku("SKU-5").setName("Mug")
                .setPriceCents(1999).setCurrency("EUR").setActive(true).setDeleted(false)
                .setSourceLsn(900).setCommittedAt(COMMITTED).build());
    }

    @Test
    void deleteWithOnlyTheKeyIsMarkedDeletedAndInactive() {
        ProductChanged value = (ProductChanged) mapper.map(ChangeRecords.change("products", RowChange.Operation.DELETE,
                ChangeRecords.columns("id", 5L), 901, COMMITTED)).get(0).value();

        assertThat(value.getDeleted()).isTrue();
        assertThat(value.getActive()).isFalse();
        assertThat(value.getProductId()).isEqualTo(5);
        assertThat(value.getSourceLsn()).isEqualTo(901);
    }
}
