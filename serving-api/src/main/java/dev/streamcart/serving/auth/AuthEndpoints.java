package dev.streamcart.serving.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.limits.ClientAddress;
import dev.streamcart.serving.web.JsonBody;
import io.javalin.http.Context;

/** HTTP handlers of {@code /api/auth}: log in for a bearer token, log out, and who am I. */
public final class AuthEndpoints {

    private final ObjectMapper json;
    private final Login login;
    private final BearerTokens tokens;
    private final ClientAddress clients;

    public AuthEndpoints(ObjectMapper json, Login login, BearerTokens tokens, ClientAddress clients) {
        this.json = Objects.requireNonNull(json, "json");
        this.login = Objects.requireNonNull(login, "login");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    public void login(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String email = body.requiredText("email", 255);
        char[] password = body.requiredSecret("password", 200);
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
