package dev.streamcart.serving.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import org.jspecify.annotations.Nullable;

/**
 * Runs before every matched route: resolves the bearer token, if any, into the request's
 * {@link Principal}, then enforces the roles the route declared. A route without roles is public;
 * a token that is present but invalid is refused even there, so a client learns at once that its
 * token expired instead of silently browsing as a guest.
 */
public final class Authentication {

    private static final String SCHEME = "Bearer ";

    private final BearerTokens tokens;

    public Authentication(BearerTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    public void handle(Context ctx) {
        String token = bearerToken(ctx.header("Authorization"));
        Principal principal = null;
        if (token != null) {
            Optional<Principal> resolved = tokens.resolve(token);
            if (resolved.isEmpty()) {
                throw Access.unauthenticated("the bearer token is unknown, expired or revoked: log in again");
            }
            principal = resolved.get();
            Access.set(ctx, principal);
        }
        Set<RouteRole> allowed = ctx.routeRoles();
        if (allowed.isEmpty()) {
            return;
        }
        if (principal == null) {
            throw Access.unauthenticated("this request needs a bearer token: POST /api/auth/login");
        }
        if (!principal.isAdmin() && !allowed.contains(principal.role())) {
            throw new DomainException(ProblemKind.FORBIDDEN, "a " + principal.role().databaseValue()
                    + " account may not call " + ctx.method() + " " + ctx.path());
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null when there is none. */
    static @Nullable String bearerToken(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || header.length() == SCHEME.length()) {
            throw Access.unauthenticated("the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(SCHEME.length()).trim();
        if (token.isEmpty() || token.length() > 200) {
            throw Access.unauthenticated("the bearer token is malformed");
        }
        return token;
    }
}
