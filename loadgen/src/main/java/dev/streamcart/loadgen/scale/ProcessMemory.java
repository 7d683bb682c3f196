package dev.streamcart.loadgen.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory as Linux reports it in {@code /proc/<pid>/status}. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** VmRSS in MiB, or -1 when the process is gone. */
    public static long residentMegabytes(long pid) {
        return field(pid, "VmRSS:");
    }

    /** VmHWM (the peak RSS since the process started) in MiB, or -1 when the process is gone. */
    public static long peakResidentMegabytes(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) / 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
