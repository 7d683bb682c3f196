package dev.streamcart.localstack.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: a JVM that starts a long-running child through {@link ManagedProcess}, prints the
 * child's pid and then waits to be killed.
 */
public final class ReaperFixtureMain {

    private ReaperFixtureMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path folder = Path.of(args[0]);
        ManagedProcess child = ManagedProcess.start("sleeper", List.of("sleep", "600"), Map.of(), folder,
                folder.resolve("sleeper.log"), Reaper.forThisJvm(folder));
        System.out.println("CHILD " + child.pid());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10).toMillis());
    }
}
