package dev.streamcart.loadgen.pacing;

/** A monotonic time source in nanoseconds, so that pacing can be tested with a fake clock. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
