package dev.streamcart.loadgen.seeding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What checkout charges, read from the platform's own tables so that seeded orders are priced as
 * the API prices them: tax per region ({@code tax_rates}, the category-independent rows), the
 * region of each country ({@code country_regions}) and the standard carrier's parcel rates.
 */
record PriceList(Map<String, BigDecimal> taxRates, Map<String, String> countryRegions, List<Rate> rates,
                 long carrierId, String carrierCode) {

    static final String CARRIER = "streampost";
    static final String CURRENCY = "USD";

    /** One parcel price: zone 1 same region, 2 same continent, 3 elsewhere. */
    record Rate(int zone, int maxWeightGrams, long cents, int deliveryDays) {}

    PriceList {
        taxRates = Map.copyOf(taxRates);
        countryRegions = Map.copyOf(countryRegions);
        rates = List.copyOf(rates);
    }

    static PriceList read(Connection connection) throws SQLException {
        Map<String, BigDecimal> tax = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT region, rate FROM tax_rates WHERE category_id IS NULL");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                tax.put(row.getString(1), row.getBigDecimal(2));
            }
        }
        Map<String, String> regions = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT country, region FROM country_regions");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                regions.put(row.getString(1).trim(), row.getString(2));
            }
        }
        List<Rate> rates = new ArrayList<>();
        long carrierId = 0;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT c.id, r.zone, r.max_weight_grams, r.price, r.delivery_days
                FROM carrier_rates r JOIN carriers c ON c.id = r.carrier_id
                WHERE c.code = ? AND r.currency = ? ORDER BY r.zone, r.max_weight_grams""")) {
            select.setString(1, CARRIER);
            select.setString(2, CURRENCY);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    carrierId = row.getLong(1);
                    rates.add(new Rate(row.getInt(2), row.getInt(3), row.getBigDecimal(4).movePointRight(2).longValueExact(),
                            row.getInt(5)));
                }
            }
        }
        if (rates.isEmpty()) {
            throw new IllegalStateException("the carrier " + CARRIER + " has no " + CURRENCY + " rates: is the database migrated?");
        }
        return new PriceList(tax, regions, rates, carrierId, CARRIER);
    }

    /** Tax of one line as checkout computes it: line total times the region's rate, half-even to the cent. */
    long taxCents(String region, long lineTotalCents) {
        BigDecimal rate = taxRates.getOrDefault(region, taxRates.getOrDefault("default", BigDecimal.ZERO));
        return BigDecimal.valueOf(lineTotalCents).movePointLeft(2).multiply(rate).setScale(2, RoundingMode.HALF_EVEN)
                .movePointRight(2).longValueExact();
    }

    static int zone(String warehouseRegion, String buyerRegion) {
        if (warehouseRegion.equals(buyerRegion)) {
            return 1;
        }
        return continent(warehouseRegion).equals(continent(buyerRegion)) ? 2 : 3;
    }

    private static String continent(String region) {
        int dash = region.indexOf('-');
        return dash < 0 ? region : region.substring(0, dash);
    }

    /** The smallest band of the zone that holds the parcel (the heaviest band when none does). */
    Rate parcel(int zone, int weightGrams) {
        Rate heaviest = null;
        for (Rate rate : rates) {
            if (rate.zone() != zone) {
                continue;
            }
            if (weightGrams <= rate.maxWeightGrams()) {
                return rate;
            }
            heaviest = rate;
        }
        if (heaviest == null) {
            throw new IllegalStateException(CARRIER + " has no rate for zone " + zone);
        }
        return heaviest;
    }
}
