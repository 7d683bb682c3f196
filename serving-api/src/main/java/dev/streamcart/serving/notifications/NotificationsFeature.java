package dev.streamcart.serving.notifications;

import java.time.Duration;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/** A user's notifications: stored in PostgreSQL, sent by the dispatcher, listed to the user. */
public record NotificationsFeature(NotificationEndpoints endpoints) implements Feature {

    private static final Duration NOTIFICATION_POLL_INTERVAL = Duration.ofSeconds(1);

    /** Starts the dispatcher. */
    public static NotificationsFeature start(ApiInfrastructure infrastructure) {
        NotificationDispatcher dispatcher = infrastructure.lifecycle().add(
                new NotificationDispatcher(infrastructure.transactions(), new LoggingNotificationSender()));
        dispatcher.start(NOTIFICATION_POLL_INTERVAL);
        return new NotificationsFeature(new NotificationEndpoints(new Notifications(infrastructure.transactions())));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/users/{id}/notifications", endpoints::list, Role.SIGNED_IN);
    }
}
