package dev.streamcart.serving.notifications;

/**
 * Delivers a stored notification outside the platform (e-mail in production). Called after the
 * notification is committed, at least once; a failure leaves it undelivered for the next attempt.
 */
public interface NotificationSender {

    void send(Notification notification) throws Exception;
}
