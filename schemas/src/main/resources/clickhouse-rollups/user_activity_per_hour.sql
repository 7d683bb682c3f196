-- Recomputes the hours [${from}, ${to}) (epoch seconds, whole hours) of user_activity_per_hour from the minute rows.
INSERT INTO ${database}.user_activity_per_hour (hour, activity, user_id, version)
SELECT toDateTime(intDiv(toUInt32(minute), 3600) * 3600) AS rolled_hour, activity, user_id, sum(version)
FROM ${database}.user_activity FINAL
WHERE minute >= toDateTime(${from}) AND minute < toDateTime(${to})
GROUP BY rolled_hour, activity, user_id
