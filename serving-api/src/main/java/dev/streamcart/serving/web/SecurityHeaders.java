package dev.streamcart.serving.web;

import io.javalin.http.Context;

/**
 * Headers every response gets, set before any handler runs (so static files under
 * {@code /webjars/} and error answers carry them too): no MIME sniffing, no framing (the header
 * older browsers know, beside CSP's {@code frame-ancestors}), no {@code Referer} sent onwards, and
 * a Content-Security-Policy that allows nothing.
 *
 * <p>JSON and CSV run nothing anyway; the strict default is for HTML nobody wrote a policy for,
 * such as the {@code index.html} and {@code oauth2-redirect.html} that the Swagger UI webjar ships
 * and Javalin serves as static files: there no script runs. A page this API renders on purpose
 * ({@link HtmlPage}) replaces the policy with its own, which still forbids framing.
 */
public final class SecurityHeaders {

    private SecurityHeaders() {}

    public static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.NOTHING.header());
    }
}
