package dev.streamcart.serving.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.serving.limits.ClientAddress;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import io.javalin.http.Context;

/** HTTP handlers of {@code /api/auth}: log in for a bearer token, log out, and who am I. */
public final class AuthEndpoints {

    private final RequestBodies bodies;
    private final Login login;
    private final BearerTokens tokens;
    private final ClientAddress clients;

    public AuthEndpoints(RequestBodies bodies, Login login, BearerTokens tokens, ClientAddress clients) {
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.login = Objects.requireNonNull(login, "login");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    public void login(Context ctx) {
        JsonBody body = bodies.read(ctx, "login");
        String email = body.requiredText("email");
        char[] password = body.requiredSecret("password");
        BearerTokens.IssuedToken issued = login.login(email, password, clients.of(ctx));
        Principal principal = tokens.resolve(issued.token()).orElseThrow();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("token", issued.token());
        response.put("tokenType", "Bearer");
        response.put("expiresAt", issued.expiresAt().toString());
        response.put("userId", principal.userId());
        response.put("role", principal.role().databaseValue());
        ctx.header("Cache-Control", "no-store").json(response);
    }

    public void logout(Context ctx) {
        Access.principal(ctx);
        String token = Authentication.bearerToken(ctx.header("Authorization"));
        if (token != null) {
            tokens.revoke(token);
        }
        ctx.status(204);
    }

    public void me(Context ctx) {
        Principal principal = Access.principal(ctx);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("userId", principal.userId());
        response.put("role", principal.role().databaseValue());
        response.put("sellerId", principal.sellerId());
        ctx.json(response);
    }
}
