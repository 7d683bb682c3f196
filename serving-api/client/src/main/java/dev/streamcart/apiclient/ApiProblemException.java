package dev.streamcart.apiclient;

import java.util.Objects;

/**
 * The API answered, but not with what the caller expects from that call: a 4xx/5xx problem, or a
 * success without the data the call returns. Carries the request, the parsed problem and the raw
 * body, so that the first few can be logged as they came.
 */
public final class ApiProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final String path;
    private final Problem problem;
    private final String body;

    /** {@code path} may be the route's template ({@code /api/orders/{id}}), so that failures group by route. */
    public ApiProblemException(String method, String path, ApiClient.Response response) {
        this(method, path, response.problem(), response.body(), method + " " + path + " answered " + response.status());
    }

    /** An answer that was a success by its status but unusable, {@code reason} saying why. */
    public ApiProblemException(String method, String path, ApiClient.Response response, String reason) {
        this(method, path, response.problem(), reason, method + " " + path + " answered " + response.status());
    }

    ApiProblemException(String message, ApiClient.Response response) {
        this("", "", response.problem(), response.body(), message);
    }

    private ApiProblemException(String method, String path, Problem problem, String body, String message) {
        super(message);
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.body = Objects.requireNonNull(body, "body");
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public int status() {
        return problem.status();
    }

    /** The problem+json type URI ({@code about:blank} when the body was not a problem). */
    public String type() {
        return problem.type();
    }

    public String title() {
        return problem.title();
    }

    public Problem problem() {
        return problem;
    }

    /** The answer's body as it came (or, for an unusable success, why it was unusable). */
    public String body() {
        return body;
    }
}
