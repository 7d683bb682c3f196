package dev.streamcart.serving.analytics;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * Short-lived tickets for the dashboard's event stream. A browser's EventSource cannot send an
 * Authorization header, and a bearer token in a URL would end up in logs and history for 12 hours;
 * so the page trades its token for a ticket (valid {@link #TIME_TO_LIVE}, then useless) and opens
 * the stream with it. A ticket opens one stream only: it is gone once redeemed, so one found in a
 * log or a history cannot open another (the page asks for a new one whenever it reconnects).
 * Tickets live in this process's memory only.
 */
public final class StreamTickets {

    static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

    /** What {@code POST /api/analytics/stream-tickets} answers. */
    public record Ticket(String ticket, Instant expiresAt) {}

    private record Issued(Principal principal, Instant expiresAt) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    public StreamTickets(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Ticket issue(Principal principal) {
        Instant now = Instant.now(clock);
        issued.values().removeIf(ticket -> !ticket.expiresAt().isAfter(now)); // keeps the map small
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(TIME_TO_LIVE);
        issued.put(ticket, new Issued(principal, expiresAt));
        return new Ticket(ticket, expiresAt);
    }

    /** The principal the ticket was issued to, using the ticket up; 401 when it is missing, unknown, expired or used. */
    public Principal redeem(@Nullable String ticket) {
        if (ticket == null || ticket.isBlank()) {
            throw new DomainException(ProblemKind.UNAUTHENTICATED,
                    "the stream needs ?ticket=...: POST /api/analytics/stream-tickets with your bearer token");
        }
        Issued found = issued.remove(ticket.trim()); // atomic: of two requests with one ticket, one gets it
        if (found == null || !found.expiresAt().isAfter(Instant.now(clock))) {
            throw new DomainException(ProblemKind.UNAUTHENTICATED,
                    "the stream ticket is unknown, expired or already used: get a new one");
        }
        return found.principal();
    }
}
