package dev.streamcart.serving.pricing;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.streamcart.serving.inventory.Allocation;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.shipping.ShippingOption;
import dev.streamcart.serving.shipping.ShippingOptions;
import dev.streamcart.serving.shipping.ShippingZone;
import org.jspecify.annotations.Nullable;

/**
 * Prices an order before it exists, the same way for a quote and for checkout: per seller, the
 * goods subtotal, tax per line by the destination region ({@link TaxRates}, {@link Tax}), and one
 * parcel shipped with the chosen carrier (or the cheapest) at the rate for its weight and zone
 * ({@link ShippingOptions}). The zone of a seller's parcel is the farthest of the warehouses the
 * allocation takes its units from, to the destination region (as local when there is none).
 */
public final class OrderPricing {

    private final ShippingOptions shipping;

    public OrderPricing(ShippingOptions shipping) {
        this.shipping = Objects.requireNonNull(shipping, "shipping");
    }

    /**
     * @param carrier     a carrier code, or null for the cheapest carrier of each parcel
     * @param allocations where each product's units come from (as reserved, or as a preview)
     */
    public PriceQuote price(Connection connection, String currency, @Nullable String region, @Nullable String carrier,
                            List<PricingLine> lines, List<Allocation> allocations) throws SQLException {
        Map<Long, BigDecimal> rates = TaxRates.forRegion(connection, region,
                lines.stream().map(PricingLine::categoryId).collect(Collectors.toSet()));
        Map<Long, String> warehouseRegions = warehouseRegions(connection,
                allocations.stream().map(Allocation::warehouseId).collect(Collectors.toSet()));
        List<SellerParcel> parcels = new ArrayList<>();
        for (Map.Entry<Long, List<PricingLine>> seller : bySeller(lines).entrySet()) {
            List<PricedLine> priced = seller.getValue().stream()
                    .map(line -> priced(line, rates.getOrDefault(line.categoryId(), BigDecimal.ZERO)))
                    .toList();
            int weight = Math.max(1, seller.getValue().stream()
                    .mapToInt(line -> line.unitWeightGrams() * line.quantity()).sum());
            Set<Long> products = seller.getValue().stream().map(PricingLine::productId).collect(Collectors.toSet());
            int zone = allocations.stream().filter(a -> products.contains(a.productId()))
                    .mapToInt(a -> {
                        String from = warehouseRegions.get(a.warehouseId());
                        return ShippingZone.between(from, region == null ? from : region);
                    })
                    .max().orElse(ShippingZone.INTERCONTINENTAL);
            ShippingOption option = choose(shipping.offers(connection, zone, weight, currency), carrier, zone, weight,
                    currency);
            parcels.add(new SellerParcel(seller.getKey(), priced, weight, zone, option.carrier(), option.deliveryDays(),
                    sum(priced, PricedLine::lineTotal), sum(priced, PricedLine::tax), new BigDecimal(option.price())));
        }
        return new PriceQuote(currency, region, parcels);
    }

    /** Goods only, no tax and no shipping: an order placed without any destination (POST /api/orders as before). */
    public static PriceQuote goodsOnly(String currency, List<PricingLine> lines) {
        List<SellerParcel> parcels = new ArrayList<>();
        for (Map.Entry<Long, List<PricingLine>> seller : bySeller(lines).entrySet()) {
            List<PricedLine> priced = seller.getValue().stream().map(line -> priced(line, BigDecimal.ZERO)).toList();
            int weight = seller.getValue().stream().mapToInt(line -> line.unitWeightGrams() * line.quantity()).sum();
            parcels.add(new SellerParcel(seller.getKey(), priced, weight, ShippingZone.LOCAL, null, null,
                    sum(priced, PricedLine::lineTotal), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)));
        }
        return new PriceQuote(currency, null, parcels);
    }

    private static PricedLine priced(PricingLine line, BigDecimal rate) {
        BigDecimal lineTotal = line.lineTotal().setScale(2);
        return new PricedLine(line.productId(), line.sellerId(), line.categoryId(), line.quantity(), line.unitPrice(),
                lineTotal, rate, Tax.of(lineTotal, rate));
    }

    // sellers in id order, each seller's lines in the order given: a quote reads the same every time
    private static Map<Long, List<PricingLine>> bySeller(List<PricingLine> lines) {
        Map<Long, List<PricingLine>> sellers = new TreeMap<>();
        lines.forEach(line -> sellers.computeIfAbsent(line.sellerId(), id -> new ArrayList<>()).add(line));
        return sellers;
    }

    private static BigDecimal sum(List<PricedLine> lines, Function<PricedLine, BigDecimal> amount) {
        return lines.stream().map(amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static ShippingOption choose(List<ShippingOption> offers, @Nullable String carrier, int zone, int weight,
                                         String currency) {
        String parcel = "a parcel of " + weight + " g to zone " + zone + " priced in " + currency;
        if (carrier == null) {
            if (offers.isEmpty()) {
                throw DomainException.unprocessable("no carrier ships " + parcel);
            }
            return offers.get(0); // cheapest first
        }
        return offers.stream().filter(offer -> offer.carrier().equals(carrier)).findFirst()
                .orElseThrow(() -> DomainException.unprocessable("carrier '" + carrier + "' does not ship " + parcel
                        + "; carriers that do: " + offers.stream().map(ShippingOption::carrier).toList()));
    }

    private static Map<Long, String> warehouseRegions(Connection connection, Set<Long> warehouseIds) throws SQLException {
        Map<Long, String> regions = new HashMap<>();
        if (warehouseIds.isEmpty()) {
            return regions;
        }
        Array ids = connection.createArrayOf("bigint", warehouseIds.toArray(Long[]::new));
        try (PreparedStatement select = connection.prepareStatement("SELECT id, region FROM warehouses WHERE id = ANY (?)")) {
            select.setArray(1, ids);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    regions.put(row.getLong(1), row.getString(2));
                }
            }
        } finally {
            ids.free();
        }
        return regions;
    }
}
