package dev.streamcart.serving.cart;

import java.util.List;

import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.pricing.PriceQuote;
import dev.streamcart.serving.pricing.PricedLine;
import dev.streamcart.serving.pricing.SellerParcel;
import org.jspecify.annotations.Nullable;

/** Totals per seller and overall, on the wire (money as decimal strings, tax rates as decimal fractions). */
public record QuoteView(String currency, @Nullable String region, List<Seller> sellers, String subtotal, String tax,
                        String shipping, String total) {

    public record Seller(long sellerId, List<Line> items, int weightGrams, int zone, @Nullable String carrier,
                         @Nullable Integer deliveryDays, String subtotal, String tax, String shipping, String total) {}

    public record Line(long productId, int quantity, String unitPrice, String lineTotal, String taxRate, String tax) {

        static Line of(PricedLine line) {
            return new Line(line.productId(), line.quantity(), Money.format(line.unitPrice()),
                    Money.format(line.lineTotal()), line.taxRate().stripTrailingZeros().toPlainString(),
                    Money.format(line.tax()));
        }
    }

    public static QuoteView of(PriceQuote quote) {
        List<Seller> sellers = quote.sellers().stream().map(QuoteView::seller).toList();
        return new QuoteView(quote.currency(), quote.region(), sellers, Money.format(quote.subtotal()),
                Money.format(quote.tax()), Money.format(quote.shipping()), Money.format(quote.total()));
    }

    private static Seller seller(SellerParcel parcel) {
        return new Seller(parcel.sellerId(), parcel.lines().stream().map(Line::of).toList(), parcel.weightGrams(),
                parcel.zone(), parcel.carrier(), parcel.deliveryDays(), Money.format(parcel.subtotal()),
                Money.format(parcel.tax()), Money.format(parcel.shipping()), Money.format(parcel.total()));
    }
}
