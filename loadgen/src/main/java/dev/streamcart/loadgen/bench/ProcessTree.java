package dev.streamcart.loadgen.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A benchmark's JVM and every process under it. The processes a benchmark starts are not all its
 * children for long: PostgreSQL detaches from pg_ctl, and a child whose parent died is re-parented,
 * so the tree is remembered as it is seen ({@link #observe()}) and stopped from that memory.
 */
final class ProcessTree {

    /** How long the benchmark gets to stop what it started itself, in order (its shutdown hooks). */
    private static final Duration OWN_SHUTDOWN = Duration.ofSeconds(30);
    /** How long the platform's watchdogs (parent-pid watchers, the reaper) get once their parent is gone. */
    private static final Duration WATCHDOGS = Duration.ofSeconds(15);

    private final Process root;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    ProcessTree(Process root) {
        this.root = root;
    }

    /** Remembers the processes under the root now. */
    synchronized void observe() {
        if (root.isAlive()) {
            root.descendants().forEach(seen::add);
        }
    }

    /** Processes seen under the root that still run. */
    synchronized Set<ProcessHandle> survivors() {
        Set<ProcessHandle> alive = new LinkedHashSet<>();
        seen.stream().filter(ProcessHandle::isAlive).forEach(alive::add);
        return alive;
    }

    /**
     * Stops the whole tree: SIGTERM to the benchmark, which stops what it started; SIGKILL if it
     * does not end in time; then SIGKILL to whatever of the tree outlived it and its watchdogs.
     * Returns how many processes had to be killed after the benchmark itself was gone.
     */
    int stop() throws InterruptedException {
        observe();
        if (root.isAlive()) {
            root.destroy();
            if (!root.waitFor(OWN_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                observe();
                root.destroyForcibly();
                root.waitFor(5, TimeUnit.SECONDS);
            }
        }
        return killSurvivors();
    }

    /** After the root ended: gives the watchdogs their time, then kills what is left. */
    int killSurvivors() throws InterruptedException {
        long deadline = System.nanoTime() + WATCHDOGS.toNanos();
        Set<ProcessHandle> left = survivors();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            // waiting on the first survivor's exit, bounded: ProcessHandle offers no wait with a timeout
            try {
                left.iterator().next().onExit().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // checked again below
            }
            left = survivors();
        }
        left.forEach(ProcessHandle::destroyForcibly);
        return left.size();
    }
}
