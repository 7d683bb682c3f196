package dev.streamcart.serving.notifications;

/** What a notification is about; stored by name. */
public enum NotificationKind {
    ORDER_CONFIRMED,
    ORDER_SHIPPED,
    ORDER_DELIVERED,
    ORDER_REFUNDED,
    PAYMENT_FAILED,
    ORDER_SLA_BREACHED
}
