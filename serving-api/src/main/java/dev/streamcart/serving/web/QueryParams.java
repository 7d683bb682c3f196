package dev.streamcart.serving.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import dev.streamcart.serving.problems.DomainException;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** Reads optional query parameters with checks that name the parameter (a 400, never a 500). */
public final class QueryParams {

    private QueryParams() {}

    public static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        return boundedInt(ctx.queryParam(name), defaultValue, min, max,
                "query parameter '" + name + "'", DomainException::invalidInput);
    }

    /** The {@code limit} of a list route: 1 to {@code max}, {@code defaultLimit} when absent. */
    public static int limitParam(Context ctx, int defaultLimit, int max) {
        return countParam(ctx, "limit", defaultLimit, max, DomainException::invalidInput);
    }

    /** A count from 1 to {@code max}, {@code defaultValue} when absent; {@code invalid} makes the 400 from its detail. */
    public static int countParam(Context ctx, String name, int defaultValue, int max,
                                 Function<String, DomainException> invalid) {
        return boundedInt(ctx.queryParam(name), defaultValue, 1, max, "'" + name + "'", invalid);
    }

    private static int boundedInt(@Nullable String raw, int defaultValue, int min, int max, String subject,
                                  Function<String, DomainException> invalid) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid.apply(subject + " must be an integer from " + min + " to " + max + ", was '" + raw + "'");
    }

    /** An ISO-8601 instant ("2026-11-26T10:00:00Z") or a date ("2026-11-26", its UTC midnight); null when absent. */
    public static @Nullable Instant instantParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw DomainException.invalidInput("query parameter '" + name
                    + "' must be a date (2026-11-26) or an instant (2026-11-26T10:00:00Z), was '" + raw + "'");
        }
    }

    /** One of {@code allowed} (as written there), or {@code defaultValue} when absent. */
    public static String choiceParam(Context ctx, String name, String defaultValue, String... allowed) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        for (String choice : allowed) {
            if (choice.equalsIgnoreCase(raw.trim())) {
                return choice;
            }
        }
        throw DomainException.invalidInput("query parameter '" + name + "' must be one of " + String.join(", ", allowed)
                + ", was '" + raw + "'");
    }
}
