package dev.streamcart.serving.problems;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.schemas.clickhouse.ClickHouseException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: every 4xx and 5xx leaves the API as an
 * {@code application/problem+json} document (RFC 9457). Handlers never build error bodies.
 */
public final class ProblemMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private final ObjectMapper json;

    public ProblemMapper(ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    public void register(RoutesConfig routes) {
        routes.exception(DomainException.class, (e, ctx) -> {
            // RFC 9110: a 401 names the scheme to use, a 429 says when to come back
            if (e.kind() == ProblemKind.UNAUTHENTICATED) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"streamcart\"");
            }
            if (e.extensions().get("retryAfterSeconds") instanceof Long seconds) {
                ctx.header("Retry-After", Long.toString(seconds));
            }
            write(ctx, e.toProblem());
        });
        // ClickHouse holds the analytics figures only: when it fails, they are unavailable (503), not a bug
        routes.exception(ClickHouseException.class, (e, ctx) -> write(ctx, new DomainException(ProblemKind.UNAVAILABLE,
                "analytics figures are unavailable: ClickHouse did not answer ("
                        + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + ")").toProblem()));
        // Javalin's own refusals: unknown route (404), wrong method (405), and the like.
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            HttpStatus status = HttpStatus.forStatus(e.getStatus());
            String title = status == HttpStatus.UNKNOWN ? "Error" : status.getMessage();
            String detail = e.getStatus() == 404 ? "no resource at " + ctx.method() + " " + ctx.path() : e.getMessage();
            write(ctx, Problem.of(e.getStatus(), title, detail));
        });
        // Javalin decodes a body in the charset its Content-Type names: an unknown one was a 500
        routes.exception(UnsupportedCharsetException.class, (e, ctx) -> unsupportedCharset(ctx, e.getCharsetName()));
        routes.exception(IllegalCharsetNameException.class, (e, ctx) -> unsupportedCharset(ctx, e.getCharsetName()));
        routes.exception(Exception.class, (e, ctx) -> {
            // The client gets a reference, not the stack trace; the log gets both.
            String reference = UUID.randomUUID().toString();
            LOG.error("unexpected failure on {} {} (reference {})", ctx.method(), ctx.path(), reference, e);
            write(ctx, Problem.of(500, "Internal server error",
                    "the request failed unexpectedly; reference " + reference));
        });
    }

    private void unsupportedCharset(Context ctx, String charset) {
        write(ctx, new DomainException(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
                "the charset '" + charset + "' of the Content-Type is not supported: send UTF-8").toProblem());
    }

    /** Writes {@code problem} as the response; also used to replay a stored problem response. */
    public void write(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(serialize(problem));
    }

    public String serialize(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize problem " + problem.title(), e);
        }
    }
}
