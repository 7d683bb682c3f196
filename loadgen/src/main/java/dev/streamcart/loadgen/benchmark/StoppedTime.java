package dev.streamcart.loadgen.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long one JVM stood still in a window of wall-clock time: its safepoints (collections among
 * them), read from the log the launcher gives every service ({@code -Xlog:gc,safepoint} with the
 * {@code utctime} decorator). A request that arrives during a pause waits for its end, so this is
 * the part of a latency tail the JVM itself causes.
 */
public final class StoppedTime {

    private static final Pattern SAFEPOINT = Pattern.compile(
            "^\\[([0-9T:.+\\-]+)\\].*\\[safepoint\\s*\\] Safepoint \"([^\"]+)\".* Total: (\\d+) ns");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

    /** The pauses that ended inside a window, the longest one, and the kind of that one. */
    public record Window(double seconds, int pauses, double totalMillis, double maxMillis, String longestKind) {

        /** The share of the window the JVM stood still. */
        public double share() {
            return seconds <= 0 ? 0 : totalMillis / 1000.0 / seconds;
        }

        public String describe() {
            return pauses == 0 ? "no pause" : String.format(Locale.ROOT,
                    "%d %s, %.1f ms in all (%.2f%% of %.1f s), the longest %.2f ms (%s)", pauses,
                    pauses == 1 ? "pause" : "pauses", totalMillis,
                    100 * share(), seconds, maxMillis, longestKind);
        }
    }

    private StoppedTime() {}

    /** The pauses in {@code log} that ended in [from, to); no pause when the log does not exist. */
    public static Window in(Path log, Instant from, Instant to) {
        double seconds = (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            lines = List.of();
        }
        return in(lines, from, to, seconds);
    }

    static Window in(List<String> lines, Instant from, Instant to, double seconds) {
        int pauses = 0;
        long total = 0;
        long longest = 0;
        String longestKind = "";
        for (String line : lines) {
            Matcher matcher = SAFEPOINT.matcher(line);
            if (!matcher.find()) {
                continue;
            }
            Instant at;
            try {
                at = OffsetDateTime.parse(matcher.group(1), UTC_TIME).toInstant();
            } catch (DateTimeParseException e) {
                continue;
            }
            if (at.isBefore(from) || !at.isBefore(to)) {
                continue;
            }
            long nanos = Long.parseLong(matcher.group(3));
            pauses++;
            total += nanos;
            if (nanos > longest) {
                longest = nanos;
                longestKind = matcher.group(2);
            }
        }
        return new Window(seconds, pauses, total / 1e6, longest / 1e6, longestKind);
    }
}
