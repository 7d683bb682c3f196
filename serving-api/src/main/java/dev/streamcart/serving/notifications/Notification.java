package dev.streamcart.serving.notifications;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** A message to a user, as stored in {@code notifications}. */
public record Notification(long id, long userId, String kind, @Nullable Long orderId, String title, String message,
                           Instant createdAt) {

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
