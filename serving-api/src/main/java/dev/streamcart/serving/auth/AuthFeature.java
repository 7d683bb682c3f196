package dev.streamcart.serving.auth;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.limits.ApiLimits;
import dev.streamcart.serving.limits.ClientAddress;
import dev.streamcart.serving.users.PasswordHasher;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and who the caller is: bearer tokens, sign-in with its throttle, the admin account, and
 * the filter that authenticates every matched route.
 */
public final class AuthFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFeature.class);

    private final PasswordHasher hasher;
    private final BearerTokens tokens;
    private final ClientAddress clientAddress;
    private final Authentication authentication;
    private final AuthEndpoints endpoints;

    /** Creates the admin account when {@code auth.admin.password} is configured. */
    public AuthFeature(ApiInfrastructure infrastructure, AuthSettings settings, int bcryptRounds, ApiLimits limits) {
        this.hasher = new PasswordHasher(bcryptRounds);
        this.tokens = new BearerTokens(infrastructure.transactions(), settings.tokenTimeToLive(), infrastructure.clock());
        if (settings.adminPassword() != null) {
            AdminAccount.ensure(infrastructure.transactions(), hasher, settings.adminEmail(),
                    settings.adminPassword().toCharArray());
        } else {
            LOG.warn("no auth.admin.password configured: no admin account is created");
        }
        this.clientAddress = new ClientAddress(limits.trustedProxies());
        Login login = new Login(infrastructure.transactions(), hasher, tokens,
                new LoginThrottle(limits.login(), infrastructure.clock()));
        this.authentication = new Authentication(tokens);
        this.endpoints = new AuthEndpoints(infrastructure.bodies(), login, tokens, clientAddress);
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    /** The tokens in use; a change of an account's role makes them re-read it. */
    public BearerTokens tokens() {
        return tokens;
    }

    /** The caller's address, behind the trusted proxies. */
    public ClientAddress clientAddress() {
        return clientAddress;
    }

    /** The filter that authenticates the caller of a matched route and holds it to the route's roles. */
    public Handler authentication() {
        return authentication::handle;
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.post("/api/auth/login", writes.guard(endpoints::login));
        routes.post("/api/auth/logout", writes.guard(endpoints::logout), Role.SIGNED_IN);
        routes.get("/api/auth/me", endpoints::me, Role.SIGNED_IN);
    }
}
