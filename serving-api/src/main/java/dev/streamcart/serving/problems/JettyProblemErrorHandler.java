package dev.streamcart.serving.problems;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Requests Jetty refuses before any route sees them (a path with an encoded NUL or an ambiguous
 * encoding, a malformed header) get the same {@code application/problem+json} answer as every other
 * refusal, instead of Jetty's HTML error page.
 */
public final class JettyProblemErrorHandler extends ErrorHandler {

    private final ProblemMapper problems;

    public JettyProblemErrorHandler(ProblemMapper problems) {
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, @Nullable String message,
                                    @Nullable Throwable cause, Callback callback) throws IOException {
        String reason = HttpStatus.getMessage(code);
        String detail = "the request could not be read (" + (message == null || message.isBlank() ? reason : message)
                + "); check the request URI, headers and body";
        byte[] body = problems.serialize(Problem.of(code, reason, detail)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
