package dev.streamcart.loadgen.seeding;

import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import org.jspecify.annotations.Nullable;

/**
 * The storefront behaviour around each seeded order, as serving-api records it on the clickstream
 * topic (keyed by session): the buyer's session views the products bought and a few others, adds
 * the bought ones to the cart (90% of checkouts go through the cart) and starts a checkout; one or
 * two other sessions browse without buying. About {@value SeedSize#CLICKS_PER_ORDER} events per order.
 * Every viewer browses as they buy ({@link SeededCatalog#pickFor}: mostly their preferred department,
 * else the shop's bestsellers): views are most of the clickstream, and views with no taste in them
 * would drown the purchases' taste in shop-wide popularity for the recommender.
 *
 * <p>Event time is the time of sending, like the orders' events, whose time downstream is their
 * commit time: the analytics job's watermark follows the wall clock, so events dated days back
 * would be dropped as late instead of counted.
 */
final class SessionClicks {

    static final double CART_SHARE = 0.9;

    private final SeededCatalog catalog;
    private final SeededUsers users;
    private final SplittableRandom random;
    private final SplittableRandom eventIds;
    private final Supplier<Instant> clock;

    SessionClicks(SeededCatalog catalog, SeededUsers users, SplittableRandom random, SplittableRandom eventIds,
                  Supplier<Instant> clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.users = Objects.requireNonNull(users, "users");
        this.random = Objects.requireNonNull(random, "random");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends the clicks of one order; returns how many. */
    int send(SeededOrder order, ClickSink sink) {
        int sent = 0;
        long buyer = users.userId(order.user());
        String session = "seed-" + order.orderId();
        for (SeededOrder.Line line : order.lines()) {
            sink.send(click(session, buyer, ClickType.PRODUCT_VIEW, line.product()));
            sent++;
        }
        int extraViews = random.nextInt(5);
        for (int i = 0; i < extraViews; i++) {
            sink.send(click(session, buyer, ClickType.PRODUCT_VIEW, browsedBy(order.user())));
            sent++;
        }
        if (random.nextDouble() < CART_SHARE) {
            for (SeededOrder.Line line : order.lines()) {
                sink.send(click(session, buyer, ClickType.CART_ADD, line.product()));
                sent++;
            }
        }
        sink.send(event(session, buyer, ClickType.CHECKOUT_START).setProductId(null).setCategoryId(null).build());
        sent++;
        int browsers = 1 + random.nextInt(2);
        for (int b = 0; b < browsers; b++) {
            int browser = random.nextInt(users.users);
            int views = 1 + random.nextInt(4);
            for (int v = 0; v < views; v++) {
                sink.send(click(session + "-b" + b, users.userId(browser), ClickType.PRODUCT_VIEW, browsedBy(browser)));
                sent++;
            }
        }
        return sent;
    }

    private int browsedBy(int user) {
        return catalog.pickFor(users.preferredDepartment[user], random);
    }

    private ClickEvent click(String session, long userId, ClickType type, int product) {
        return event(session, userId, type).setProductId(catalog.productId(product)).setCategoryId(catalog.categoryId(product))
                .build();
    }

    private ClickEvent.Builder event(String session, @Nullable Long userId, ClickType type) {
        return ClickEvent.newBuilder()
                .setEventId(new UUID(eventIds.nextLong(), eventIds.nextLong()).toString())
                .setSessionId(session)
                .setUserId(userId)
                .setType(type)
                .setQuery(null)
                .setRecommendationVariant(null)
                .setOccurredAt(clock.get());
    }
}
