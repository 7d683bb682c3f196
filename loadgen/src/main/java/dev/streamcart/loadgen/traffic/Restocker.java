package dev.streamcart.loadgen.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.streamcart.apiclient.ApiProblemException;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.apiclient.Requests.StockReceipt;
import dev.streamcart.apiclient.Responses.StockView;
import dev.streamcart.apiclient.Responses.WarehouseStock;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.catalog.Catalog;
import dev.streamcart.loadgen.pacing.Ticker;
import dev.streamcart.loadgen.stats.TrafficStats;
import org.jspecify.annotations.Nullable;

/**
 * The store's purchasing department. Products that were just ordered, or refused with a 409, are
 * checked on each tick against the stock read model (GET /api/stock/{id}); those running low get
 * a receipt (POST /api/inventory/receipts) into their emptiest warehouse. A product restocked
 * recently is left alone for a while, because the read model shows the receipt only after the
 * CDC pipeline has carried it.
 */
final class Restocker {

    /** Restock below this many available units (all warehouses together). */
    static final int LOW_WATER_MARK = 25;
    static final int RESTOCK_QUANTITY = 200;
    static final int MAX_CHECKS_PER_TICK = 60;

    private final StorefrontApiClient api;
    private final List<Catalog.Warehouse> warehouses;
    private final Set<Long> warehouseIds;
    private final TrafficStats stats;
    private final FailureReporter failures;
    private final Ticker ticker;
    private final long cooldownNanos;
    private final Set<Long> refused = ConcurrentHashMap.newKeySet();
    private final Set<Long> ordered = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> lastRestockNanos = new ConcurrentHashMap<>();
    private final AtomicInteger nextWarehouse = new AtomicInteger();

    Restocker(StorefrontApiClient api, List<Catalog.Warehouse> warehouses, TrafficStats stats,
            FailureReporter failures, Ticker ticker, Duration cooldown) {
        this.api = Objects.requireNonNull(api, "api");
        this.warehouses = List.copyOf(warehouses);
        if (this.warehouses.isEmpty()) {
            throw new IllegalArgumentException("the catalog has no warehouse to restock");
        }
        this.warehouseIds = this.warehouses.stream().map(Catalog.Warehouse::id).collect(Collectors.toUnmodifiableSet());
        this.stats = stats;
        this.failures = failures;
        this.ticker = ticker;
        this.cooldownNanos = cooldown.toNanos();
    }

    /** A checkout for these products was refused because stock was short. */
    void stockShort(Collection<Long> productIds) {
        refused.addAll(productIds);
    }

    /** An order for these products was placed, so their stock went down. */
    void ordered(Collection<Long> productIds) {
        ordered.addAll(productIds);
    }

    /** One round: check the products that moved since the last round and restock the low ones. */
    void tick() {
        List<Long> refusedNow = drain(refused, MAX_CHECKS_PER_TICK);
        List<Long> orderedNow = drain(ordered, MAX_CHECKS_PER_TICK - refusedNow.size());
        for (Long productId : refusedNow) {
            checkAndRestock(productId, true);
        }
        for (Long productId : orderedNow) {
            checkAndRestock(productId, false);
        }
    }

    private void checkAndRestock(long productId, boolean refusedForStock) {
        if (Thread.currentThread().isInterrupted()) {
            return; // the run is shutting down
        }
        Long last = lastRestockNanos.get(productId);
        if (last != null && ticker.nanoTime() - last < cooldownNanos) {
            return;
        }
        try {
            StockView stock = api.stock(productId);
            if (stock == null) {
                // the read model does not know the product yet; a 409 is proof enough that it is short
                if (refusedForStock) {
                    restock(productId, null);
                }
            } else if (stock.available() < LOW_WATER_MARK) {
                restock(productId, stock);
            }
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            if (!Thread.currentThread().isInterrupted()) {
                failures.unreachable(e);
            }
        }
    }

    private void restock(long productId, @Nullable StockView stock) {
        long warehouseId = emptiestWarehouse(stock);
        api.receiveStock(new StockReceipt(productId, warehouseId, RESTOCK_QUANTITY));
        lastRestockNanos.put(productId, ticker.nanoTime());
        stats.restocked();
    }

    /** The catalog warehouse with the fewest available units, or the next one in turn when unknown. */
    private long emptiestWarehouse(@Nullable StockView stock) {
        if (stock != null) {
            WarehouseStock emptiest = stock.warehouses().stream()
                    .filter(warehouse -> warehouseIds.contains(warehouse.warehouseId()))
                    .min(Comparator.comparingLong(WarehouseStock::available))
                    .orElse(null);
            if (emptiest != null) {
                return emptiest.warehouseId();
            }
        }
        return warehouses.get(Math.floorMod(nextWarehouse.getAndIncrement(), warehouses.size())).id();
    }

    private static List<Long> drain(Set<Long> products, int limit) {
        List<Long> drained = new ArrayList<>();
        Iterator<Long> iterator = products.iterator();
        while (iterator.hasNext() && drained.size() < limit) {
            drained.add(iterator.next());
            iterator.remove();
        }
        return drained;
    }
}
