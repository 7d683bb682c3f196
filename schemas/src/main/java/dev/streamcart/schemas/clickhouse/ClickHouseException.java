package dev.streamcart.schemas.clickhouse;

/** A ClickHouse statement failed or ClickHouse could not be reached. */
public final class ClickHouseException extends RuntimeException {

    public ClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClickHouseException(String message) {
        super(message);
    }
}
