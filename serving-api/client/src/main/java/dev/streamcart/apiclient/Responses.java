package dev.streamcart.apiclient;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** What the simulator reads from the API's answers; fields it does not need are ignored. */
public final class Responses {

    private Responses() {}

    /** GET /api/products/{id}; {@code available} is absent while the stock read model lags. */
    public record ProductView(long id, String name, @Nullable BigDecimal price, @Nullable Long available) {
        public ProductView {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * POST /api/orders and POST /api/cart/checkout: placed (201), refused because stock is short
     * (409), or (cart only) refused because a remembered price changed (409 price-changed).
     */
    public sealed interface CheckoutResult permits Placed, StockShort, PriceChanged {}

    /** POST /api/cart/quote: the totals, or refused because stock is short (409). */
    public sealed interface QuoteResult permits Quoted, StockShort {}

    public record Placed(long orderId, String status, @Nullable BigDecimal total) implements CheckoutResult {
        public Placed {
            Objects.requireNonNull(status, "status");
        }
    }

    public record StockShort(String detail) implements CheckoutResult, QuoteResult {
        public StockShort {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** POST /api/orders/{id}/payments: accepted (201, normally PAID), or declined by the gateway (402). */
    public sealed interface PaymentResult permits PaymentAccepted, PaymentDeclined {}

    public record PaymentAccepted(String status) implements PaymentResult {
        public PaymentAccepted {
            Objects.requireNonNull(status, "status");
        }
    }

    public record PaymentDeclined(String detail) implements PaymentResult {
        public PaymentDeclined {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** GET /api/stock/{productId}, from inventory-streams' read model. */
    public record StockView(long productId, long onHand, long reserved, long available, List<WarehouseStock> warehouses) {
        public StockView {
            warehouses = List.copyOf(warehouses);
        }
    }

    public record WarehouseStock(long warehouseId, long onHand, long reserved, long available) {}

    /** A cart line's remembered price differs from the current one; nothing was ordered. */
    public record PriceChanged(String detail) implements CheckoutResult {
        public PriceChanged {
            Objects.requireNonNull(detail, "detail");
        }
    }

    public record Quoted(@Nullable BigDecimal total) implements QuoteResult {}

    /** GET /api/search: how many products matched, and the ids on the page returned. */
    public record SearchResults(long total, List<Long> productIds) {
        public SearchResults {
            productIds = List.copyOf(productIds);
        }
    }
}
