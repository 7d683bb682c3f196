package dev.streamcart.schemas.streams.query;

/** A query the caller got wrong (a malformed id or parameter): answered 400, never retried. */
public final class BadQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadQueryException(String detail) {
        super(detail);
    }
}
