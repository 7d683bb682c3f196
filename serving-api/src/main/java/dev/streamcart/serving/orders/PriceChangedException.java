package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/**
 * Checkout found products whose current price differs from the price the buyer saw in the cart: a
 * 409 {@code price-changed} listing each, and nothing is changed. The buyer confirms the new prices
 * with {@code POST /api/cart/refresh-prices} (or by adding the item again) and checks out again.
 */
public final class PriceChangedException extends DomainException {

    private static final long serialVersionUID = 1L;

    public record Change(long productId, BigDecimal oldPrice, BigDecimal newPrice) {}

    public PriceChangedException(String currency, List<Change> changes) {
        super(ProblemKind.PRICE_CHANGED, describe(currency, changes), Map.of("currency", currency,
                "items", members(changes)));
    }

    private static String describe(String currency, List<Change> changes) {
        return changes.stream()
                .map(c -> "product " + c.productId() + " was " + Money.format(c.oldPrice()) + " and is now "
                        + Money.format(c.newPrice()) + " " + currency)
                .collect(Collectors.joining("; ", "", "; confirm with POST /api/cart/refresh-prices, then check out again"));
    }

    private static List<Map<String, Object>> members(List<Change> changes) {
        return changes.stream().map(c -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("productId", c.productId());
            member.put("oldPrice", Money.format(c.oldPrice()));
            member.put("newPrice", Money.format(c.newPrice()));
            return member;
        }).toList();
    }
}
