package dev.streamcart.loadgen.benchmark;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StoppedTimeTest {

    private static final List<String> LOG = List.of(
            "[2026-12-07T10:51:53.229+0000][0.006s][info][gc       ] Using Serial",
            "[2026-12-07T10:52:00.100+0000][7.1s][info][safepoint] Safepoint \"Cleanup\", Time since last: 1000 ns,"
                    + " Reaching safepoint: 10 ns, Cleanup: 5 ns, At safepoint: 20 ns, Total: 300000 ns",
            "[2026-12-07T10:52:01.000+0000][8.0s][info][gc       ] GC(3) Pause Young (Allocation Failure) 127M->26M(365M) 1.170ms",
            "[2026-12-07T10:52:01.001+0000][8.0s][info][safepoint] Safepoint \"GenCollectForAllocation\", Time since last:"
                    + " 178591513 ns, Reaching safepoint: 95120 ns, Cleanup: 31650 ns, At safepoint: 1319191 ns, Total: 1445961 ns",
            "[2026-12-07T10:52:05.000+0000][12.0s][info][safepoint] Safepoint \"GenCollectForAllocation\", Time since last:"
                    + " 1 ns, Reaching safepoint: 1 ns, Cleanup: 1 ns, At safepoint: 1 ns, Total: 9000000 ns");

    @Test
    void sumsTheSafepointsThatEndedInsideTheWindowAndNamesTheLongest() {
        StoppedTime.Window window = StoppedTime.in(LOG, Instant.parse("2026-12-07T10:52:00Z"),
                Instant.parse("2026-12-07T10:52:05Z"), 5.0);

        assertThat(window.pauses()).isEqualTo(2);
        assertThat(window.totalMillis()).isCloseTo(1.745961, within(1e-6));
        assertThat(window.maxMillis()).isCloseTo(1.445961, within(1e-6));
        assertThat(window.longestKind()).isEqualTo("GenCollectForAllocation");
        assertThat(window.share()).isCloseTo(1.745961 / 5000, within(1e-9));
    }

    @Test
    void aWindowWithoutSafepointsOrWithoutALogHasNoPause() {
        StoppedTime.Window window = StoppedTime.in(LOG, Instant.parse("2026-12-07T11:00:00Z"),
                Instant.parse("2026-12-07T11:00:10Z"), 10.0);
        StoppedTime.Window missing = StoppedTime.in(java.nio.file.Path.of("target", "no-such.gc.log"),
                Instant.parse("2026-12-07T11:00:00Z"), Instant.parse("2026-12-07T11:00:10Z"));

        assertThat(window.pauses()).isZero();
        assertThat(window.describe()).isEqualTo("no pause");
        assertThat(missing.pauses()).isZero();
        assertThat(missing.seconds()).isEqualTo(10.0);
    }
}
