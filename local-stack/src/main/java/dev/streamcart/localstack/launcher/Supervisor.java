package dev.streamcart.localstack.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts whatever the launcher started when it dies, as a process manager would: PostgreSQL,
 * ClickHouse, the brokers, the load balancer and every service. A part that keeps dying is restarted
 * with a growing delay (1 s, 2 s, 4 s ... up to 30 s), and the delay starts over once it has stayed up
 * for a minute, so a crash loop does not spin while a single crash recovers at once.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(30);
    private static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    /** One supervised part: how to tell it is alive and how to start it again. */
    record Part(String name, BooleanSupplier alive, Runnable restart) {
        Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(alive, "alive");
            Objects.requireNonNull(restart, "restart");
        }
    }

    private static final class Watch {
        private final Part part;
        private int failures;
        private volatile Instant upSince = Instant.now();
        private Instant nextAttempt = Instant.MIN;
        private final AtomicBoolean restarting = new AtomicBoolean();

        private Watch(Part part) {
            this.part = part;
        }
    }

    private final List<Watch> watches = new ArrayList<>();
    private final Consumer<String> progress;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread supervisor = new Thread(runnable, "platform-supervisor");
        supervisor.setDaemon(true);
        return supervisor;
    });
    /**
     * Each restart runs on its own thread: a service that waits for PostgreSQL to come back must not
     * keep PostgreSQL itself from being restarted.
     */
    private final ExecutorService restarts = Executors.newCachedThreadPool(runnable -> {
        Thread restart = new Thread(runnable, "platform-restart");
        restart.setDaemon(true);
        return restart;
    });
    private volatile boolean stopping;

    Supervisor(Consumer<String> progress) {
        this.progress = progress;
    }

    synchronized void watch(Part part) {
        watches.removeIf(existing -> existing.part.name().equals(part.name()));
        watches.add(new Watch(part));
    }

    synchronized void forget(String name) {
        watches.removeIf(existing -> existing.part.name().equals(name));
    }

    void start() {
        thread.scheduleWithFixedDelay(this::checkAll, 1, 1, TimeUnit.SECONDS);
    }

    private void checkAll() {
        List<Watch> current;
        synchronized (this) {
            current = List.copyOf(watches);
        }
        for (Watch watch : current) {
            if (stopping) {
                return;
            }
            try {
                check(watch);
            } catch (RuntimeException e) {
                // one part's failure must not end the supervision of all the others
                LOG.error("supervising {} failed", watch.part.name(), e);
            }
        }
    }

    private void check(Watch watch) {
        Instant now = Instant.now();
        if (watch.restarting.get()) {
            return;
        }
        if (watch.part.alive().getAsBoolean()) {
            if (watch.failures > 0 && Duration.between(watch.upSince, now).compareTo(STABLE_AFTER) >= 0) {
                watch.failures = 0;
            }
            return;
        }
        if (now.isBefore(watch.nextAttempt)) {
            return;
        }
        watch.failures++;
        Duration delay = delayAfter(watch.failures);
        watch.nextAttempt = now.plus(delay);
        progress.accept(watch.part.name() + " is down; restarting it (attempt " + watch.failures + ")");
        watch.restarting.set(true);
        restarts.execute(() -> restart(watch, delay));
    }

    private void restart(Watch watch, Duration delay) {
        try {
            watch.part.restart().run();
            watch.upSince = Instant.now();
            if (!stopping) {
                progress.accept(watch.part.name() + " is back");
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("restarting {} failed; next attempt in {} s", watch.part.name(), delay.toSeconds(), e);
                progress.accept("restarting " + watch.part.name() + " failed ("
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); next attempt in "
                        + delay.toSeconds() + " s");
            }
        } finally {
            watch.restarting.set(false);
        }
    }

    /** 1 s after the first failure, doubling up to 30 s. */
    static Duration delayAfter(int failures) {
        long seconds = FIRST_DELAY.toSeconds() << Math.min(failures - 1, 5);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_DELAY.toSeconds()));
    }

    /** Stops supervising, interrupting restarts under way (a restart waiting for its service gives up). */
    @Override
    public void close() {
        stopping = true;
        thread.shutdownNow();
        restarts.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
            restarts.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
