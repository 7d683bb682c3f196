package dev.streamcart.serving.problems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request the API refuses, for a reason the client can act on. Thrown by use cases; a
 * transaction it escapes from is rolled back, so a refused request changes nothing.
 */
public class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemKind kind;
    private final Map<String, Object> extensions;

    public DomainException(ProblemKind kind, String detail) {
        this(kind, detail, Map.of());
    }

    public DomainException(ProblemKind kind, String detail, Map<String, Object> extensions) {
        super(Objects.requireNonNull(detail, "detail"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public static DomainException invalidInput(String detail) {
        return new DomainException(ProblemKind.INVALID_INPUT, detail);
    }

    public static DomainException notFound(String what, long id) {
        return new DomainException(ProblemKind.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static DomainException conflict(String detail) {
        return new DomainException(ProblemKind.CONFLICT, detail);
    }

    public static DomainException unprocessable(String detail) {
        return new DomainException(ProblemKind.UNPROCESSABLE, detail);
    }

    public ProblemKind kind() {
        return kind;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem document (RFC 9457 section 3.2), in insertion order. */
    public Map<String, Object> extensions() {
        return Map.copyOf(extensions);
    }

    public Problem toProblem() {
        return new Problem(kind.type(), kind.title(), kind.status(), detail(), extensions);
    }
}
