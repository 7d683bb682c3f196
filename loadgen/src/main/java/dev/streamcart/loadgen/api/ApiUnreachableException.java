package dev.streamcart.loadgen.api;

/** A request got no HTTP answer at all: connection refused or reset, timeout, interrupted. */
public final class ApiUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApiUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
