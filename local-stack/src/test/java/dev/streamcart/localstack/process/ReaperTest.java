package dev.streamcart.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReaperTest {

    private final Path folder = Path.of("target/it-data/reaper-test").toAbsolutePath();

    @Test
    void childrenOfAJvmKilledWithSigkillAreStopped() throws Exception {
        Files.createDirectories(folder);
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), ReaperFixtureMain.class.getName(), folder.toString())
                .redirectErrorStream(true)
                .start();
        try {
            long childPid = readChildPid(parent);
            assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).contains(true);

            parent.destroyForcibly().waitFor();

            await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(childPid).map(h -> !h.isAlive()).orElse(true));
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void orderlyStopUnregistersAndEndsTheChild() {
        Reaper reaper = Reaper.forThisJvm(folder);
        ManagedProcess sleeper = ManagedProcess.start("sleeper", List.of("sleep", "600"), Map.of(), folder,
                folder.resolve("orderly.log"), reaper);
        assertThat(sleeper.isAlive()).isTrue();
        sleeper.stop(Duration.ofSeconds(5));
        assertThat(sleeper.isAlive()).isFalse();
    }

    private static long readChildPid(Process parent) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("CHILD ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        }
        throw new AssertionError("the fixture JVM ended without starting its child");
    }
}
