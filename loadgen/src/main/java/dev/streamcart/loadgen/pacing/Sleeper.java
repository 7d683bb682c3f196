package dev.streamcart.loadgen.pacing;

/** Waits for a while; tests substitute a fake that only advances a fake clock. */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits {@code nanos} nanoseconds, or less when the simulator is stopping.
     *
     * @return true when the full wait elapsed, false when it was cut short by a stop
     */
    boolean sleepNanos(long nanos);
}
