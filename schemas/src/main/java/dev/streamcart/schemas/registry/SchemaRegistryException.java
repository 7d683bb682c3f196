package dev.streamcart.schemas.registry;

/** A registry call failed; {@code status} is the HTTP status (503 when the registry was unreachable). */
public final class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public SchemaRegistryException(int status, String message) {
        super(message);
        this.status = status;
    }

    public SchemaRegistryException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
