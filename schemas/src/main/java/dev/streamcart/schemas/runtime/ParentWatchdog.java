package dev.streamcart.schemas.runtime;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this process when the process that started it is gone, so that a launcher killed with
 * SIGKILL leaves no service running. Shutdown hooks still run, so state is closed cleanly.
 */
public final class ParentWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(ParentWatchdog.class);

    private ParentWatchdog() {}

    /** Starts watching {@code parentPid}; does nothing when it is absent or not positive. */
    public static void watch(long parentPid) {
        if (parentPid <= 0) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            LOG.warn("parent process {} is already gone; exiting", parentPid);
            System.exit(3);
        }
        parent.get().onExit().thenRun(() -> {
            LOG.warn("parent process {} exited; shutting down", parentPid);
            System.exit(3);
        });
    }
}
