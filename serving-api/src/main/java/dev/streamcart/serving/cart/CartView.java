package dev.streamcart.serving.cart;

import java.time.Instant;
import java.util.List;

import dev.streamcart.serving.money.Money;
import org.jspecify.annotations.Nullable;

/** A cart on the wire: money as decimal strings, each line with its remembered and current price. */
public record CartView(long userId, @Nullable String currency, List<Line> items, List<Line> savedForLater,
                       int itemCount, String subtotal, boolean pricesChanged, @Nullable Instant updatedAt,
                       @Nullable Instant expiresAt) {

    public record Line(long productId, String name, int quantity, String unitPrice, String currency,
                       String currentPrice, boolean priceChanged, boolean available, String lineTotal,
                       Instant addedAt) {

        static Line of(CartLine line) {
            return new Line(line.productId(), line.name(), line.quantity(), Money.format(line.unitPrice()),
                    line.currency(), Money.format(line.currentPrice()), line.priceChanged(), line.active(),
                    Money.format(line.lineTotal()), line.addedAt());
        }
    }

    public static CartView of(Cart cart) {
        List<Line> items = cart.items().stream().map(Line::of).toList();
        return new CartView(cart.userId(), cart.currency(), items,
                cart.savedForLater().stream().map(Line::of).toList(),
                cart.items().stream().mapToInt(CartLine::quantity).sum(), Money.format(cart.subtotal()),
                cart.items().stream().anyMatch(CartLine::priceChanged), cart.updatedAt(), cart.expiresAt());
    }
}
