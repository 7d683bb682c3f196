package dev.streamcart.loadgen.pacing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one switch that ends a traffic run. Waiting through it (think times, rate limiting) wakes
 * up at once when the run stops, so a SIGTERM does not wait for sleeping virtual users.
 */
public final class StopSignal implements Sleeper {

    private final CountDownLatch stopped = new CountDownLatch(1);

    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    @Override
    public boolean sleepNanos(long nanos) {
        if (nanos <= 0) {
            return !isStopped();
        }
        try {
            return !stopped.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
