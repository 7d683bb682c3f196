package dev.streamcart.loadgen.traffic;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.behaviour.RecommendationShares;
import dev.streamcart.loadgen.behaviour.ShopperModel;
import dev.streamcart.loadgen.catalog.Catalog;
import dev.streamcart.loadgen.pacing.OrderBudget;
import dev.streamcart.loadgen.pacing.RateLimiter;
import dev.streamcart.loadgen.pacing.StopSignal;
import dev.streamcart.loadgen.pacing.Ticker;
import dev.streamcart.loadgen.stats.StatusLine;
import dev.streamcart.loadgen.stats.TrafficStats;
import dev.streamcart.loadgen.stats.TrafficTotals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of simulated traffic: a bounded pool of virtual users (platform threads), each playing
 * sessions from the shopper model one after another, plus a reporter that prints a status line
 * per interval and a restocker. The run ends when it is stopped (SIGTERM, {@code --duration}) or
 * when {@code --max-orders} orders have been placed and settled; it then prints its totals once.
 */
public final class TrafficRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficRun.class);
    private static final Duration RESTOCK_COOLDOWN = Duration.ofSeconds(15);
    private static final int FAILURES_LOGGED_IN_FULL = 10;
    private static final Duration FULFILMENT_TICK = Duration.ofSeconds(1);

    private final RunSettings settings;
    private final ShopperModel model;
    private final PrintStream out;
    private final Ticker ticker;
    private final TrafficStats stats = new TrafficStats();
    private final StopSignal stop = new StopSignal();
    private final OrderBudget budget;
    private final ShopperSession session;
    private final Restocker restocker;
    private final FulfilmentWorker fulfilment;
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "loadgen-background");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<TrafficTotals> lastReported = new AtomicReference<>();
    private volatile long startNanos;
    private volatile long lastReportNanos;

    public TrafficRun(RunSettings settings, ShopperModel model, StorefrontApiClient api, Catalog catalog,
            PrintStream out, Ticker ticker) {
        this(settings, model, RecommendationShares.defaults(), api, catalog, out, ticker);
    }

    public TrafficRun(RunSettings settings, ShopperModel model, RecommendationShares recommendations,
            StorefrontApiClient api, Catalog catalog, PrintStream out, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = Objects.requireNonNull(model, "model");
        this.out = Objects.requireNonNull(out, "out");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.budget = settings.maxOrders() > 0 ? OrderBudget.of(settings.maxOrders()) : OrderBudget.unlimited();
        FailureReporter failures = new FailureReporter(stats, FAILURES_LOGGED_IN_FULL);
        this.restocker = new Restocker(api, catalog.warehouses(), stats, failures, ticker, RESTOCK_COOLDOWN);
        this.fulfilment = new FulfilmentWorker(api, stats, failures, ticker, settings.seed());
        this.session = new ShopperSession(api, stats, failures, new RateLimiter(settings.ordersPerSecond(), ticker),
                budget, new ThinkTime(settings.thinkTime(), stop), stop, restocker, ticker, fulfilment,
                new CartShopper(api, catalog.warehouses()), recommendations);
    }

    /** Starts the virtual users, the reporter and the restocker. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a traffic run starts only once");
        }
        startNanos = ticker.nanoTime();
        lastReportNanos = startNanos;
        lastReported.set(stats.snapshot());
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        for (int i = 0; i < settings.workers(); i++) {
            SplittableRandom random = seeds.split();
            Thread worker = new Thread(() -> shop(random), "shopper-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        long reportMillis = settings.reportInterval().toMillis();
        background.scheduleAtFixedRate(this::report, reportMillis, reportMillis, TimeUnit.MILLISECONDS);
        long restockMillis = settings.restockInterval().toMillis();
        background.scheduleWithFixedDelay(this::restock, restockMillis, restockMillis, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::fulfil, FULFILMENT_TICK.toMillis(), FULFILMENT_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        if (settings.duration() != null) {
            background.schedule(stop::stop, settings.duration().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks every virtual user to finish what it is doing and stop. */
    public void stop() {
        stop.stop();
    }

    /**
     * Waits until every virtual user has ended, stops the background tasks and prints the totals.
     * Called once, by the thread that started the run.
     */
    public TrafficTotals awaitCompletion() throws InterruptedException {
        try {
            for (Thread worker : workers) {
                worker.join();
            }
            stop.stop();
            // let a restock round in progress finish rather than cutting its requests off
            background.shutdown();
            if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
            LOG.info("fulfilment: {}", fulfilment.summary());
            TrafficTotals totals = stats.snapshot();
            out.println(StatusLine.totals(Duration.ofNanos(ticker.nanoTime() - startNanos), totals,
                    stats.checkoutLatencies().wholeRun()));
            out.flush();
            return totals;
        } finally {
            finished.countDown();
        }
    }

    /** Waits (at most {@code timeout}) until the totals have been printed; for the shutdown hook. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void shop(SplittableRandom random) {
        try {
            while (!stop.isStopped() && !budget.isExhausted()) {
                session.run(model.nextSession(random), random);
            }
        } catch (RuntimeException e) {
            LOG.error("virtual user {} failed", Thread.currentThread().getName(), e);
        }
    }

    private void report() {
        try {
            long now = ticker.nanoTime();
            TrafficTotals current = stats.snapshot();
            out.println(StatusLine.interval(Duration.ofNanos(now - startNanos), Duration.ofNanos(now - lastReportNanos),
                    lastReported.getAndSet(current), current, stats.checkoutLatencies().takeInterval()));
            out.flush();
            lastReportNanos = now;
        } catch (RuntimeException e) {
            LOG.warn("status line failed", e);
        }
    }

    private void fulfil() {
        try {
            fulfilment.tick();
        } catch (RuntimeException e) {
            LOG.warn("fulfilment round failed", e);
        }
    }

    private void restock() {
        try {
            restocker.tick();
        } catch (RuntimeException e) {
            LOG.warn("restocking failed", e);
        }
    }
}
