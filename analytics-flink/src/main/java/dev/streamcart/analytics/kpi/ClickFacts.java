package dev.streamcart.analytics.kpi;

import java.util.Objects;

import dev.streamcart.schemas.clickstream.ClickType;

/**
 * The part of a {@code ClickEvent} the KPIs need. Absent ids are 0 and an absent variant is
 * {@code ""}, because they become ClickHouse key columns.
 *
 * @param userId                the signed-in user, 0 for an anonymous session
 * @param occurredAtMillis      when the storefront saw it: the event time
 * @param recordTimestampMillis the Kafka record's timestamp
 * @param decodedAtMillis       when this job decoded it (processing time), for the lag KPI
 */
public record ClickFacts(String eventId, long userId, ClickType type, long productId, long categoryId,
        String recommendationVariant, long occurredAtMillis, long recordTimestampMillis, long decodedAtMillis) {

    public ClickFacts {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recommendationVariant, "recommendationVariant");
    }
}
