package dev.streamcart.serving.auth;

import java.util.Locale;

import io.javalin.security.RouteRole;

/**
 * What an account may do. Routes declare the roles that may call them (see {@code ApiRoutes});
 * an admin may call every route. Ownership (whose order, whose product) is checked by the use case.
 */
public enum Role implements RouteRole {
    CUSTOMER,
    SELLER,
    ADMIN;

    /** Every signed-in account, whatever its role. */
    public static final Role[] SIGNED_IN = values();

    /** The value of {@code users.role}. */
    public String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
