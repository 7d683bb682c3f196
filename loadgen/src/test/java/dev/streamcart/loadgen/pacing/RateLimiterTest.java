package dev.streamcart.loadgen.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void spacesPermitsEvenlyAtTheTargetRate() {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(5, clock);
        long start = clock.nanoTime();

        for (int i = 0; i < 11; i++) {
            assertThat(limiter.acquire(clock)).isTrue();
        }

        // the first permit is immediate, the next ten come every 200 ms
        assertThat(clock.nanoTime() - start).isEqualTo(2 * SECOND);
        assertThat(clock.sleeps()).hasSize(10).allMatch(sleep -> sleep == SECOND / 5);
    }

    @Test
    void callerThatArrivesLateDoesNotWait() {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(10, clock);

        assertThat(limiter.reserve()).isZero();
        clock.advanceMillis(150);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(SECOND / 10);
    }

    @Test
    void idleLimiterDoesNotBankPermitsForABurst() {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(4, clock);
        limiter.reserve();

        clock.advanceMillis(10_000);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(SECOND / 4);
        assertThat(limiter.reserve()).isEqualTo(2 * SECOND / 4);
    }

    @Test
    void concurrentCallersGetDistinctSlots() throws InterruptedException {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(100, clock);
        ConcurrentLinkedQueue<Long> waits = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                waits.add(limiter.reserve());
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // the clock never moved, so the waits must be exactly 0, 10 ms, 20 ms, ... 1990 ms
        List<Long> sorted = new ArrayList<>(waits);
        sorted.sort(Long::compare);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(i * (SECOND / 100));
        }
        assertThat(sorted).isEqualTo(expected);
    }

    @Test
    void acquireReportsAStopDuringTheWait() {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(1, clock);
        StopSignal stop = new StopSignal();
        assertThat(limiter.acquire(stop)).isTrue();

        stop.stop();

        assertThat(limiter.acquire(stop)).isFalse();
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new RateLimiter(0, new FakeClock())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(Double.NaN, new FakeClock())).isInstanceOf(IllegalArgumentException.class);
    }
}
