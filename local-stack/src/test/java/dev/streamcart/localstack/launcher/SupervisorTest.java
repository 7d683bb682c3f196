package dev.streamcart.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SupervisorTest {

    @Test
    void theDelayDoublesUpToThirtySeconds() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 20).stream().map(Supervisor::delayAfter).map(Duration::toSeconds).toList())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aDeadPartIsRestartedAndTheOthersAreLeftAlone() {
        AtomicBoolean alive = new AtomicBoolean(false);
        AtomicInteger restarts = new AtomicInteger();
        AtomicInteger healthyRestarts = new AtomicInteger();
        List<String> messages = new CopyOnWriteArrayList<>();
        try (Supervisor supervisor = new Supervisor(messages::add)) {
            supervisor.watch(new Supervisor.Part("dead", alive::get, () -> {
                restarts.incrementAndGet();
                alive.set(true);
            }));
            supervisor.watch(new Supervisor.Part("healthy", () -> true, healthyRestarts::incrementAndGet));
            supervisor.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> messages.contains("dead is back"));
        }
        assertThat(restarts).hasValue(1);
        assertThat(healthyRestarts).hasValue(0);
    }

    @Test
    void aRestartThatWaitsDoesNotHoldUpAnother() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondAlive = new AtomicBoolean(false);
        try (Supervisor supervisor = new Supervisor(message -> { })) {
            // the first part's restart blocks until the second one is back, as a service waits for its database
            supervisor.watch(new Supervisor.Part("waits", () -> false, () -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            supervisor.watch(new Supervisor.Part("database", secondAlive::get, () -> {
                secondAlive.set(true);
                release.countDown();
            }));
            supervisor.start();

            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
