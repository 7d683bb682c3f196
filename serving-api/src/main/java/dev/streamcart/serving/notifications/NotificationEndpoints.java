package dev.streamcart.serving.notifications;

import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.web.PathIds;
import io.javalin.http.Context;

/** HTTP handler of {@code GET /api/users/{id}/notifications}. */
public final class NotificationEndpoints {

    public record NotificationList(long userId, List<Notification> notifications) {}

    private final Notifications notifications;

    public NotificationEndpoints(Notifications notifications) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    public void list(Context ctx) {
        long userId = PathIds.of(ctx, "id");
        Access.requireUser(ctx, userId);
        ctx.json(new NotificationList(userId, notifications.forUser(userId)));
    }
}
