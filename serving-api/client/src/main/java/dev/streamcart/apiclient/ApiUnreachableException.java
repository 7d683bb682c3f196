package dev.streamcart.apiclient;

/** A request got no HTTP answer at all: connection refused or reset, timeout, interrupted. */
public final class ApiUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApiUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the calling thread was interrupted while it waited (its interrupt flag is set again). */
    public boolean interrupted() {
        return getCause() instanceof InterruptedException;
    }
}
