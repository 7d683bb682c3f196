package dev.streamcart.serving.wiring;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API has started, in the order it started it. {@link #close()} stops everything in
 * reverse order, so a part always stops before what it uses; one part failing to stop does not
 * keep the others running.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Records a part that has started (or holds resources), to be closed before everything added earlier. */
    public synchronized <T extends AutoCloseable> T add(T part) {
        started.push(Objects.requireNonNull(part, "part"));
        return part;
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable part;
            synchronized (this) {
                if (started.isEmpty()) {
                    return;
                }
                part = started.pop();
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("failure while closing {}: {}", part, e.toString());
            }
        }
    }
}
