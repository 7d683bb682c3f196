package dev.streamcart.loadgen.api;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamcart.apiclient.StorefrontApiClient;

/**
 * Signs each shopper in on their first request and keeps the token for the run, as a browser
 * keeps a session: the simulated storefront acts as the customer, never as the operator.
 */
public final class ShopperLogins implements StorefrontApiClient.ShopperTokens {

    private final StorefrontApiClient anonymous;
    private final Map<Long, String> emailsByUser;
    private final String password;
    private final Map<Long, String> tokens = new ConcurrentHashMap<>();

    public ShopperLogins(StorefrontApiClient anonymous, Map<Long, String> emailsByUser, String password) {
        this.anonymous = Objects.requireNonNull(anonymous, "anonymous");
        this.emailsByUser = Map.copyOf(emailsByUser);
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    public String tokenFor(long userId) {
        return tokens.computeIfAbsent(userId, id -> {
            String email = emailsByUser.get(id);
            if (email == null) {
                throw new IllegalArgumentException("user " + id + " is not a shopper of this catalog");
            }
            return anonymous.login(email, password);
        });
    }
}
