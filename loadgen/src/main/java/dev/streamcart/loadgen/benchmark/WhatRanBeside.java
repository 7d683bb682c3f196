package dev.streamcart.loadgen.benchmark;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.ServiceLauncher;

/**
 * What ran beside a measured window of one platform: the CPU each of its processes used, and how
 * long chosen services' JVMs stood at safepoints (from their {@code logs/<service>.gc.log}).
 */
public final class WhatRanBeside {

    /** One window's findings. */
    public record Window(PlatformCpu.Usage cpu, Map<String, StoppedTime.Window> stopped) {

        /** Lines for a console or a report note: the CPU first, then each service's pauses. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("cpu: " + cpu.describe());
            stopped.forEach((service, window) -> lines.add(service + " stopped: " + window.describe()));
            return lines;
        }
    }

    private final PlatformCpu cpu;
    private final Path logs;

    public WhatRanBeside(PlatformLayout layout) {
        this.cpu = new PlatformCpu(layout.dataDirectory());
        this.logs = layout.logs();
    }

    /** Starts a window now; {@link Opened#close} ends it. */
    public Opened open() {
        return new Opened(cpu.sample(), Instant.now());
    }

    /** A window that has begun. */
    public final class Opened {
        private final PlatformCpu.Sample before;
        private final Instant from;

        private Opened(PlatformCpu.Sample before, Instant from) {
            this.before = before;
            this.from = from;
        }

        /** Ends the window, with the pauses of these services. */
        public Window close(List<String> services) {
            PlatformCpu.Usage usage = PlatformCpu.between(before, cpu.sample());
            Instant to = Instant.now();
            Map<String, StoppedTime.Window> stopped = new LinkedHashMap<>();
            for (String service : services) {
                stopped.put(service, StoppedTime.in(logs.resolve(service + ServiceLauncher.GC_LOG_SUFFIX), from, to));
            }
            return new Window(usage, stopped);
        }
    }
}
