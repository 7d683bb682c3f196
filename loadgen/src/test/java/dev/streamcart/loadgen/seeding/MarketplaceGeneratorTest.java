package dev.streamcart.loadgen.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import org.junit.jupiter.api.Test;

class MarketplaceGeneratorTest {

    static final Instant END = Instant.parse("2026-12-01T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static PriceList prices() {
        Map<String, BigDecimal> tax = Map.of("us-east", new BigDecimal("0.08875"), "us-west", new BigDecimal("0.07250"),
                "eu-west", new BigDecimal("0.20000"), "eu-central", new BigDecimal("0.19000"),
                "eu-north", new BigDecimal("0.25000"), "default", new BigDecimal("0.10000"));
        Map<String, String> regions = Map.of("US", "us-east", "MX", "us-west", "GB", "eu-west", "NL", "eu-west",
                "DE", "eu-central", "SE", "eu-north");
        List<PriceList.Rate> rates = List.of(new PriceList.Rate(1, 1000, 499, 3), new PriceList.Rate(1, 5000, 799, 3),
                new PriceList.Rate(1, 30000, 1499, 4), new PriceList.Rate(2, 1000, 899, 5), new PriceList.Rate(2, 5000, 1299, 5),
                new PriceList.Rate(2, 30000, 2499, 6), new PriceList.Rate(3, 1000, 1499, 9), new PriceList.Rate(3, 5000, 2299, 10),
                new PriceList.Rate(3, 30000, 4499, 12));
        return new PriceList(tax, regions, rates, 1, "streampost");
    }

    static IdBlocks idsFrom(long first, Map<String, Long> sizes) {
        Map<String, Long> firstIds = new LinkedHashMap<>();
        sizes.keySet().forEach(table -> firstIds.put(table, first));
        return new IdBlocks(firstIds);
    }

    static RecordingSinks generate(SeedSize size) throws SQLException {
        return generate(size, END);
    }

    static RecordingSinks generate(SeedSize size, Instant end) throws SQLException {
        MarketplaceGenerator generator = new MarketplaceGenerator(size, end, prices(), "hash", () -> end,
                new OutboxEncoder(null));
        RecordingSinks sinks = new RecordingSinks();
        SeedProgress progress = new SeedProgress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System::nanoTime);
        generator.generate(idsFrom(1, generator.idsNeeded()), sinks, sinks, progress);
        return sinks;
    }

    @Test
    void theSameSeedGivesTheSameRowsAndClicks() throws SQLException {
        SeedSize size = new SeedSize(500, 300, 3_000, 7, 42);
        RecordingSinks first = generate(size);
        RecordingSinks second = generate(size);
        assertThat(second.tables.keySet()).isEqualTo(first.tables.keySet());
        first.tables.forEach((table, text) -> assertThat(second.tables.get(table).toString()).as(table).isEqualTo(text.toString()));
        assertThat(second.clicks).isEqualTo(first.clicks);

        RecordingSinks other = generate(new SeedSize(500, 300, 3_000, 7, 43));
        assertThat(other.tables.get("orders").toString()).isNotEqualTo(first.tables.get("orders").toString());
    }

    @Test
    void theSameSeedGivesTheSameHistoryWhenItEndsAtAnotherTime() throws SQLException {
        SeedSize size = new SeedSize(500, 300, 3_000, 7, 42);
        RecordingSinks first = generate(size);
        RecordingSinks later = generate(size, END.plus(Duration.ofHours(11)).plusSeconds(37 * 60 + 13));
        for (String table : first.tables.keySet()) {
            assertThat(later.rows(table)).as(table).hasSameSizeAs(first.rows(table));
        }
        assertThat(statuses(later)).isEqualTo(statuses(first));
        assertThat(later.clicks).extracting(ClickEvent::getProductId)
                .containsExactlyElementsOf(first.clicks.stream().map(ClickEvent::getProductId).toList());
    }

    private static List<String> statuses(RecordingSinks sinks) {
        return sinks.rows("orders").stream().map(row -> row[2]).toList();
    }

    @Test
    void catalogHasATreeOfMoreThanAThousandCategoriesAndAThousandVerifiedSellers() throws SQLException {
        RecordingSinks sinks = generate(new SeedSize(300, 50, 10, 7, 1));
        List<String[]> categories = sinks.rows("categories");
        assertThat(categories).hasSizeGreaterThanOrEqualTo(1_000);
        Set<String> ids = new HashSet<>();
        for (String[] category : categories) {
            // parents come first, so every parent id is known when its child arrives
            assertThat(category[3].equals("\\N") || ids.contains(category[3])).as("parent of " + category[0]).isTrue();
            ids.add(category[0]);
        }
        List<String[]> sellers = sinks.rows("sellers");
        assertThat(sellers).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(sellers).allSatisfy(seller -> assertThat(seller[5]).isEqualTo("t"));
        assertThat(sinks.rows("warehouses")).extracting(row -> row[2]).contains("us-east", "us-west", "eu-west",
                "eu-central", "eu-north");
        assertThat(sinks.rows("user_addresses")).hasSize(50);
    }

    @Test
    void productPopularityIsZipfSkewed() throws SQLException {
        RecordingSinks sinks = generate(new SeedSize(2_000, 1_000, 20_000, 7, 7));
        Map<String, Integer> unitsByProduct = new HashMap<>();
        for (String[] item : sinks.rows("order_items")) {
            unitsByProduct.merge(item[2], Integer.parseInt(item[5]), Integer::sum);
        }
        List<Integer> counts = unitsByProduct.values().stream().sorted((a, b) -> b - a).toList();
        long total = counts.stream().mapToLong(Integer::longValue).sum();
        long top20 = counts.subList(0, 20).stream().mapToLong(Integer::longValue).sum();
        // Zipf with s = 1 over 2,000 products gives the top 1% about 40% of the sales; uniform would give 1%
        assertThat((double) top20 / total).isBetween(0.25, 0.6);
        double headMean = counts.subList(0, 10).stream().mapToInt(Integer::intValue).average().orElseThrow();
        double middleMean = counts.subList(10, 100).stream().mapToInt(Integer::intValue).average().orElseThrow();
        double tailMean = counts.subList(100, Math.min(1_000, counts.size())).stream().mapToInt(Integer::intValue).average()
                .orElseThrow();
        assertThat(headMean).isGreaterThan(3 * middleMean);
        assertThat(middleMean).isGreaterThan(3 * tailMean);
    }

    @Test
    void stockStaysWithinTheInvariantAndMatchesTheReservationsOfOpenOrders() throws SQLException {
        RecordingSinks sinks = generate(new SeedSize(400, 300, 6_000, 3, 9));
        Map<String, int[]> stock = new HashMap<>();
        for (String[] row : sinks.rows("inventory")) {
            stock.put(row[0], new int[] {Integer.parseInt(row[3]), Integer.parseInt(row[4])});
        }
        Map<String, Integer> initialOnHand = new HashMap<>();
        stock.forEach((id, values) -> initialOnHand.put(id, values[0]));
        // each batch's seed_stock rows are the latest stock of the rows it touched
        for (String[] row : sinks.rows(StockUpdate.TABLE)) {
            stock.put(row[0], new int[] {Integer.parseInt(row[1]), Integer.parseInt(row[2])});
        }
        assertThat(stock.values()).allSatisfy(values -> assertThat(values[1]).isBetween(0, values[0]));

        Map<String, String> slotOfProductWarehouse = new HashMap<>();
        for (String[] row : sinks.rows("inventory")) {
            slotOfProductWarehouse.put(row[1] + "/" + row[2], row[0]);
        }
        Map<String, Integer> held = new HashMap<>();
        Map<String, Integer> shipped = new HashMap<>();
        for (String[] reservation : sinks.rows("stock_reservations")) {
            String slot = slotOfProductWarehouse.get(reservation[3] + "/" + reservation[4]);
            int quantity = Integer.parseInt(reservation[5]);
            if (reservation[6].equals("HELD")) {
                held.merge(slot, quantity, Integer::sum);
            } else if (reservation[6].equals("COMMITTED")) {
                shipped.merge(slot, quantity, Integer::sum);
            }
        }
        Map<String, Integer> returned = new HashMap<>();
        for (String[] item : sinks.rows("refund_items")) {
            if (item[6].equals("ON_HAND")) {
                returned.merge(slotOfProductWarehouse.get(item[3] + "/" + item[4]), Integer.parseInt(item[5]), Integer::sum);
            }
        }
        stock.forEach((slot, values) -> {
            assertThat(values[1]).as("reserved of " + slot).isEqualTo(held.getOrDefault(slot, 0));
            int receipts = values[0] - initialOnHand.get(slot) + shipped.getOrDefault(slot, 0) - returned.getOrDefault(slot, 0);
            // anything else on hand came from stock receipts of whole receipt sizes
            assertThat(receipts % OrderHistory.RECEIPT_UNITS).as("receipts of " + slot).isZero();
            assertThat(receipts).isGreaterThanOrEqualTo(0);
        });
        assertThat(held).isNotEmpty();
    }

    @Test
    void ordersGoThroughTheSimulatorsLifecycleWithOneOutboxEventPerStatusChange() throws Exception {
        RecordingSinks sinks = generate(new SeedSize(1_000, 800, 10_000, 7, 3));
        Map<String, Integer> byStatus = new HashMap<>();
        for (String[] order : sinks.rows("orders")) {
            byStatus.merge(order[2], 1, Integer::sum);
        }
        assertThat(byStatus.get("CANCELLED")).isBetween(200, 400);
        assertThat(byStatus.get("PAYMENT_FAILED")).isBetween(400, 800);
        // a parcel takes up to five days from checkout to the door, so the last days are still on their way
        assertThat(byStatus.get("DELIVERED")).isGreaterThan(3_500);
        assertThat(byStatus).containsKeys("PENDING_PAYMENT", "PAID", "SHIPPED", "REFUNDED", "PARTIALLY_REFUNDED");
        assertThat(sinks.rows("reviews")).hasSizeGreaterThan(500);

        Map<String, List<String>> eventsByOrder = new LinkedHashMap<>();
        for (String[] event : sinks.rows("outbox")) {
            eventsByOrder.computeIfAbsent(event[2], order -> new ArrayList<>()).add(event[3]);
            JsonNode payload = JSON.readTree(event[4].replace("\\\\", "\\"));
            assertThat(payload.path("orderId").asText()).isEqualTo(event[2]);
            assertThat(payload.path("totalCents").isIntegralNumber()).isTrue();
            assertThat(payload.has("paymentMethod")).isTrue();
        }
        assertThat(eventsByOrder).hasSize(10_000);
        eventsByOrder.values().forEach(events -> assertThat(events.get(0)).isEqualTo("ORDER_PLACED"));
        assertThat(eventsByOrder.values()).anySatisfy(events -> assertThat(events).containsExactly("ORDER_PLACED",
                "ORDER_PAID", "ORDER_FULFILLING", "ORDER_SHIPPED", "ORDER_DELIVERED"));
        // about ten clicks per order, keyed by a session, with product views, cart adds and checkouts
        assertThat(sinks.clicks.size()).isBetween(80_000, 120_000);
    }
}
