package dev.streamcart.localstack.infra;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a command for a child process whose main class we do not own (a Flink JobManager, a Spark
 * Master), so it cannot watch its parent itself as our services do ({@code platform.parent-pid}):
 * a small shell runs it and stops it when it ends, on SIGTERM, or when this JVM is gone, even after
 * a SIGKILL that ran no shutdown hook. The wrapper exits with the command's exit code.
 */
public final class ParentBoundCommand {

    private ParentBoundCommand() {}

    /** {@code command} under a watchdog of this JVM; {@code name} shows in {@code ps}. */
    public static List<String> of(String name, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
                "\"$@\" & child=$!; trap 'kill $child 2>/dev/null' TERM INT; "
                        + "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null && kill -0 $child 2>/dev/null; "
                        + "do sleep 1; done; kill $child 2>/dev/null; wait $child", name));
        wrapped.addAll(command);
        return wrapped;
    }
}
