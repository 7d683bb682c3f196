package dev.streamcart.analytics.sales;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import org.jspecify.annotations.Nullable;

/**
 * Generated shop traffic with a narrowing funnel: sessions view products (some from a
 * recommendation), fewer add to cart, fewer check out; orders are placed, then paid or declined;
 * paid orders are partly shipped, delivered, and refunded in full or in part. Every event id is
 * unique; ids and times come from a seeded random, so a run is reproducible.
 */
final class ShopActivityFixtures {

    private static final String[] REGIONS = {"EU", "US-EAST", "US-WEST"};
    private static final String[] METHODS = {"card", "paypal"};
    private static final String[] DECLINES = {"insufficient_funds", "card_declined"};
    private static final String[] VARIANTS = {"als", "popular"};

    private final Random random;
    private long nextOrderId;

    ShopActivityFixtures(long seed, long firstOrderId) {
        this.random = new Random(seed);
        this.nextOrderId = firstOrderId;
    }

    /** {@code count} shoppers whose orders are placed at random seconds of the {@code minutes} from {@code firstMinute}. */
    ShopActivity shoppers(int count, Instant firstMinute, int minutes) {
        List<OrderEvent> orders = new ArrayList<>();
        List<ClickEvent> clicks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long orderId = nextOrderId++;
            long userId = 2000 + random.nextInt(40);
            String session = "s-" + orderId;
            Instant placedAt = firstMinute.plusSeconds(10 + random.nextInt(minutes * 60 - 10));
            @Nullable String region = random.nextInt(5) == 0 ? null : REGIONS[random.nextInt(REGIONS.length)];
            String currency = random.nextInt(6) == 0 ? "EUR" : "USD";
            List<OrderLine> lines = new ArrayList<>();
            int lineCount = 1 + random.nextInt(3);
            for (int l = 0; l < lineCount; l++) {
                long productId = 100L + random.nextInt(12);
                @Nullable String variant = random.nextInt(4) == 0 ? VARIANTS[random.nextInt(VARIANTS.length)] : null;
                lines.add(new OrderLine(productId, 1 + productId % 3, 1 + productId % 4, 1 + random.nextInt(3),
                        99L + random.nextInt(9_900), variant));
            }
            // the funnel before the order: impressions, views (some anonymous), cart adds, a checkout
            for (OrderLine line : lines) {
                Instant at = placedAt.minusSeconds(1 + random.nextInt(8));
                String variant = line.getRecommendationVariant();
                if (variant != null) {
                    clicks.add(click(session, userId, ClickType.RECOMMENDATION_IMPRESSION, line, variant, at));
                }
                clicks.add(click(session, random.nextInt(4) == 0 ? null : userId, ClickType.PRODUCT_VIEW, line, variant, at));
                clicks.add(click(session, userId, ClickType.CART_ADD, line, variant, at));
            }
            clicks.add(click("anon-" + orderId, null, ClickType.PRODUCT_VIEW, lines.get(0), null, placedAt.minusSeconds(9)));
            clicks.add(click("anon-" + orderId, null, ClickType.SEARCH, null, null, placedAt.minusSeconds(9)));
            clicks.add(click(session, userId, ClickType.CHECKOUT_START, null, null, placedAt.minusSeconds(1)));

            orders.add(order(orderId, userId, OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, placedAt, lines,
                    region, currency));
            if (random.nextInt(10) >= 8) {
                OrderEvent failed = order(orderId, userId, OrderEventType.PAYMENT_FAILED, OrderStatus.PAYMENT_FAILED,
                        placedAt.plusSeconds(1), lines, region, currency);
                failed.setPaymentMethod(METHODS[random.nextInt(METHODS.length)]);
                failed.setReason(DECLINES[random.nextInt(DECLINES.length)]);
                orders.add(failed);
                continue;
            }
            OrderEvent paid = order(orderId, userId, OrderEventType.ORDER_PAID, OrderStatus.PAID, placedAt.plusSeconds(1),
                    lines, region, currency);
            paid.setPaymentMethod(METHODS[random.nextInt(METHODS.length)]);
            orders.add(paid);
            int fate = random.nextInt(10);
            if (fate < 5) {
                orders.add(order(orderId, userId, OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED,
                        placedAt.plusSeconds(20 + random.nextInt(20)), lines, region, currency));
                if (fate < 3) {
                    orders.add(order(orderId, userId, OrderEventType.ORDER_DELIVERED, OrderStatus.DELIVERED,
                            placedAt.plusSeconds(45 + random.nextInt(30)), lines, region, currency));
                }
            } else if (fate == 5) {
                OrderEvent refunded = order(orderId, userId, OrderEventType.ORDER_REFUNDED, OrderStatus.REFUNDED,
                        placedAt.plusSeconds(30), lines, region, currency);
                refunded.setRefundedItems(lines);
                refunded.setRefundedCents(paid.getTotalCents());
                orders.add(refunded);
            } else if (fate == 6) {
                OrderLine first = lines.get(0);
                OrderEvent partial = order(orderId, userId, OrderEventType.ORDER_PARTIALLY_REFUNDED,
                        OrderStatus.PARTIALLY_REFUNDED, placedAt.plusSeconds(30), lines, region, currency);
                partial.setRefundedItems(List.of(new OrderLine(first.getProductId(), first.getSellerId(),
                        first.getCategoryId(), 1, first.getUnitPriceCents(), first.getRecommendationVariant())));
                partial.setRefundedCents(random.nextBoolean() ? first.getUnitPriceCents() : null);
                orders.add(partial);
            }
        }
        return new ShopActivity(orders, clicks);
    }

    private static OrderEvent order(long orderId, long userId, OrderEventType type, OrderStatus status, Instant at,
            List<OrderLine> lines, @Nullable String region, String currency) {
        long total = lines.stream().mapToLong(line -> line.getQuantity() * line.getUnitPriceCents()).sum() + 499;
        return OrderEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId(orderId)
                .setUserId(userId)
                .setType(type)
                .setStatus(status)
                .setTotalCents(total)
                .setCurrency(currency)
                .setItems(lines)
                .setOccurredAt(at)
                .setRegion(region)
                .build();
    }

    private static ClickEvent click(String session, @Nullable Long userId, ClickType type, @Nullable OrderLine line,
            @Nullable String variant, Instant at) {
        return ClickEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSessionId(session)
                .setUserId(userId)
                .setType(type)
                .setProductId(line == null ? null : line.getProductId())
                .setCategoryId(line == null ? null : line.getCategoryId())
                .setQuery(type == ClickType.SEARCH ? "lamp" : null)
                .setOccurredAt(at)
                .setRecommendationVariant(variant)
                .build();
    }

    /** A click that only moves event time on: an anonymous search. */
    static ClickEvent clickTick(String session, Instant at) {
        return click(session, null, ClickType.SEARCH, null, null, at);
    }
}
