package dev.streamcart.serving.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default sender: writes one log line per notification (no e-mail leaves the machine). */
public final class LoggingNotificationSender implements NotificationSender {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingNotificationSender.class);

    @Override
    public void send(Notification notification) {
        LOG.info("notification {} to user {}: {} ({})", notification.id(), notification.userId(), notification.title(),
                notification.kind());
    }
}
