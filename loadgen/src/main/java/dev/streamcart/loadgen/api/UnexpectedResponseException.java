package dev.streamcart.loadgen.api;

/**
 * The API answered with a status the simulator does not expect for that call. Carries the
 * (problem+json) body so that the first few can be logged.
 */
public final class UnexpectedResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final String path;
    private final int status;
    private final String body;

    public UnexpectedResponseException(String method, String path, int status, String body) {
        super(method + " " + path + " answered " + status);
        this.method = method;
        this.path = path;
        this.status = status;
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
