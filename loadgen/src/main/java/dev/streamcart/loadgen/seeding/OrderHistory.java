package dev.streamcart.loadgen.seeding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import dev.streamcart.loadgen.behaviour.ZipfDistribution;

/**
 * Generates the orders of the history one after the other, in placement order, with the shares of
 * the storefront simulator: 3% cancelled by the buyer; of the others 94% paid, 5% declined and 1%
 * without funds; of the paid 92% shipped (half through FULFILLING first), 3% refunded before
 * shipment, the rest still waiting; 95% of shipped parcels delivered; 30% of deliveries reviewed
 * and 4% refunded (half returned in full, half a goodwill refund). A step that would fall after the
 * end of the history has not happened yet, so the most recent orders are still open: unpaid ones
 * hold their reservation, as they would in the shop.
 *
 * <p>Stock moves as the API moves it, on the catalog's slots: placing reserves, a decline, a
 * cancellation or a refund before shipment releases, shipping takes the units off hand and out of
 * the reservation, a returned refund puts them back on hand. A product with nothing left in either
 * slot gets a stock receipt first (the simulator's restocker does the same), so every commit keeps
 * {@code 0 <= reserved <= on hand}.
 */
final class OrderHistory {

    static final double CANCEL_SHARE = 0.03;
    static final double DECLINE_SHARE = 0.05;
    static final double NO_FUNDS_SHARE = 0.01;
    static final double SHIP_SHARE = 0.92;
    static final double REFUND_BEFORE_SHIPMENT_SHARE = 0.03;
    static final double DELIVERED_SHARE = 0.95;
    static final double REVIEW_SHARE = 0.30;
    static final double REFUND_AFTER_DELIVERY_SHARE = 0.04;
    static final int RECEIPT_UNITS = 50;

    private final SeededCatalog catalog;
    private final SeededUsers users;
    private final PriceList prices;
    private final SplittableRandom random;
    private final Instant start;
    private final Instant end;
    private final long orders;
    private final long firstOrderId;
    private final ZipfDistribution buyers;
    /** Users who reviewed a product, as product * users + user: one review per user and product. */
    private final Set<Long> reviewed = new HashSet<>();
    private long receipts;

    OrderHistory(SeededCatalog catalog, SeededUsers users, PriceList prices, SplittableRandom random, Instant end,
                 int days, long orders, long firstOrderId) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.users = Objects.requireNonNull(users, "users");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.random = Objects.requireNonNull(random, "random");
        this.end = Objects.requireNonNull(end, "end");
        this.start = end.minus(Duration.ofDays(days));
        this.orders = orders;
        this.firstOrderId = firstOrderId;
        // some customers buy far more often than others, but less skewed than products
        this.buyers = new ZipfDistribution(users.users, 0.5);
    }

    long receipts() {
        return receipts;
    }

    /** The order with index {@code index} (0-based, called in order); its stock effects are applied. */
    SeededOrder next(long index) {
        long span = Duration.between(start, end).toMillis();
        Instant placedAt = start.plusMillis((long) ((index + random.nextDouble()) * span / Math.max(1, orders)));
        int user = buyers.sample(random);
        String region = users.region(user, prices.countryRegions());
        List<SeededOrder.Line> lines = pickLines(user, region);
        long subtotal = 0;
        long tax = 0;
        for (SeededOrder.Line line : lines) {
            subtotal += line.unitPriceCents() * line.quantity();
            tax += line.taxCents();
        }
        long shipping = shipping(lines, region);

        List<SeededOrder.Timed> steps = new ArrayList<>();
        steps.add(new SeededOrder.Timed(SeededOrder.Step.PLACED, placedAt));
        String declineReason = null;
        int reviewedLine = -1;
        int stars = 0;
        Lifecycle life = new Lifecycle(steps, placedAt);
        double outcome = random.nextDouble();
        if (outcome < CANCEL_SHARE) {
            life.after(SeededOrder.Step.CANCELLED, minutes(1, 30));
        } else if (life.after(SeededOrder.Step.PAID, seconds(5, 300))) {
            double payment = random.nextDouble();
            if (payment < DECLINE_SHARE + NO_FUNDS_SHARE) {
                life.replaceLast(SeededOrder.Step.PAYMENT_FAILED);
                declineReason = payment < DECLINE_SHARE ? "card_declined" : "insufficient_funds";
            } else {
                double fulfilment = random.nextDouble();
                if (fulfilment < SHIP_SHARE) {
                    // half the warehouses pick first (FULFILLING), half ship straight from PAID
                    boolean readyToShip = !random.nextBoolean() || life.after(SeededOrder.Step.FULFILLING, minutes(30, 12 * 60));
                    boolean shipped = readyToShip && life.after(SeededOrder.Step.SHIPPED, minutes(60, 24 * 60));
                    if (shipped && life.after(SeededOrder.Step.IN_TRANSIT, minutes(120, 24 * 60))
                            && random.nextDouble() < DELIVERED_SHARE
                            && life.after(SeededOrder.Step.DELIVERED, minutes(12 * 60, 3 * 24 * 60))) {
                        if (random.nextDouble() < REVIEW_SHARE) {
                            int line = random.nextInt(lines.size());
                            long key = (long) lines.get(line).product() * users.users + user;
                            int drawnStars = stars();
                            if (!reviewed.contains(key) && life.after(SeededOrder.Step.REVIEWED, minutes(60, 4 * 24 * 60))) {
                                reviewed.add(key);
                                reviewedLine = line;
                                stars = drawnStars;
                            }
                        }
                        if (random.nextDouble() < REFUND_AFTER_DELIVERY_SHARE) {
                            life.after(random.nextBoolean() ? SeededOrder.Step.REFUNDED_RETURNED : SeededOrder.Step.GOODWILL_REFUND,
                                    minutes(24 * 60, 6 * 24 * 60));
                        }
                    }
                } else if (fulfilment < SHIP_SHARE + REFUND_BEFORE_SHIPMENT_SHARE) {
                    life.after(SeededOrder.Step.REFUNDED_BEFORE_SHIPMENT, minutes(60, 24 * 60));
                }
            }
        }
        SeededOrder order = new SeededOrder(firstOrderId + index, user, region, lines, subtotal, tax, shipping, steps,
                declineReason, reviewedLine, stars);
        applyStock(order);
        return order;
    }

    /** Appends steps while they fall inside the history; once one does not, nothing after it happens. */
    private final class Lifecycle {

        private final List<SeededOrder.Timed> steps;
        private Instant clock;
        private boolean stopped;

        Lifecycle(List<SeededOrder.Timed> steps, Instant clock) {
            this.steps = steps;
            this.clock = clock;
        }

        boolean after(SeededOrder.Step step, Duration delay) {
            if (stopped) {
                return false;
            }
            Instant at = clock.plus(delay);
            if (at.isAfter(end)) {
                stopped = true;
                return false;
            }
            clock = at;
            steps.add(new SeededOrder.Timed(step, at));
            return true;
        }

        void replaceLast(SeededOrder.Step step) {
            SeededOrder.Timed last = steps.remove(steps.size() - 1);
            steps.add(new SeededOrder.Timed(step, last.at()));
        }
    }

    private List<SeededOrder.Line> pickLines(int user, String region) {
        int wanted = 1 + (random.nextDouble() < 0.35 ? 1 : 0) + (random.nextDouble() < 0.15 ? 1 : 0);
        Map<Integer, SeededOrder.Line> lines = new LinkedHashMap<>();
        for (int attempt = 0; lines.size() < wanted && attempt < wanted * 4; attempt++) {
            int product = pickProduct(user);
            if (lines.containsKey(product)) {
                continue;
            }
            int quantity = random.nextDouble() < 0.8 ? 1 : 2;
            int slot = reserveSlot(product, quantity, region);
            long unit = catalog.priceCents[product];
            lines.put(product, new SeededOrder.Line(product, slot, quantity, unit, prices.taxCents(region, unit * quantity)));
        }
        return new ArrayList<>(lines.values());
    }

    private int pickProduct(int user) {
        return catalog.pickFor(users.preferredDepartment[user], random);
    }

    /** The slot the units come from: the buyer's region when it has them, else the fuller slot. */
    private int reserveSlot(int product, int quantity, String region) {
        int first = product * SeededCatalog.SLOTS_PER_PRODUCT;
        int chosen = -1;
        for (int slot = first; slot < first + SeededCatalog.SLOTS_PER_PRODUCT; slot++) {
            if (catalog.available(slot) < quantity) {
                continue;
            }
            if (Vocabulary.WAREHOUSES.get(catalog.warehouseOfSlot[slot]).region().equals(region)) {
                chosen = slot;
                break;
            }
            if (chosen < 0 || catalog.available(slot) > catalog.available(chosen)) {
                chosen = slot;
            }
        }
        if (chosen < 0) {
            chosen = first;
            catalog.onHand[chosen] += RECEIPT_UNITS;
            receipts++;
        }
        catalog.reserved[chosen] += quantity;
        return chosen;
    }

    /** One parcel per seller, priced by zone (its warehouse against the buyer's region) and weight. */
    private long shipping(List<SeededOrder.Line> lines, String region) {
        Map<Integer, int[]> parcels = new LinkedHashMap<>();
        for (SeededOrder.Line line : lines) {
            int[] parcel = parcels.computeIfAbsent(catalog.sellerOf[line.product()], seller -> new int[] {
                    PriceList.zone(Vocabulary.WAREHOUSES.get(catalog.warehouseOfSlot[line.slot()]).region(), region), 0});
            parcel[1] += line.quantity() * weightGrams(line.product());
        }
        long cents = 0;
        for (int[] parcel : parcels.values()) {
            cents += prices.parcel(parcel[0], parcel[1]).cents();
        }
        return cents;
    }

    static int weightGrams(int product) {
        return 200 + (product % 9) * 100;
    }

    /** The simulator's skew: 45% five stars, 5% one star. */
    private int stars() {
        double draw = random.nextDouble();
        if (draw < 0.05) {
            return 1;
        }
        if (draw < 0.12) {
            return 2;
        }
        if (draw < 0.25) {
            return 3;
        }
        return draw < 0.55 ? 4 : 5;
    }

    private void applyStock(SeededOrder order) {
        boolean released = order.reached(SeededOrder.Step.CANCELLED) || order.reached(SeededOrder.Step.PAYMENT_FAILED)
                || order.reached(SeededOrder.Step.REFUNDED_BEFORE_SHIPMENT);
        boolean shipped = order.reached(SeededOrder.Step.SHIPPED);
        boolean returned = order.reached(SeededOrder.Step.REFUNDED_RETURNED);
        for (SeededOrder.Line line : order.lines()) {
            if (released) {
                catalog.reserved[line.slot()] -= line.quantity();
            } else if (shipped) {
                catalog.reserved[line.slot()] -= line.quantity();
                catalog.onHand[line.slot()] -= line.quantity();
                if (returned) {
                    catalog.onHand[line.slot()] += line.quantity();
                }
            }
        }
    }

    private Duration seconds(int min, int max) {
        return Duration.ofSeconds(min + random.nextInt(max - min + 1));
    }

    private Duration minutes(int min, int max) {
        return Duration.ofMinutes(min).plusSeconds(random.nextInt((max - min) * 60 + 1));
    }
}
