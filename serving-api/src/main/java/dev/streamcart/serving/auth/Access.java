package dev.streamcart.serving.auth;

import java.util.Optional;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * The caller of the current request, as {@link Authentication} found it, and the ownership checks
 * handlers apply with it. Someone else's resource answers 404, exactly like a missing one, so ids
 * cannot be probed; a path naming another user answers 403.
 */
public final class Access {

    static final String PRINCIPAL_ATTRIBUTE = "streamcart.principal";

    private Access() {
    }

    /** The signed-in caller; 401 when there is none (the route should have declared roles). */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        if (principal == null) {
            throw unauthenticated("this request needs a bearer token: POST /api/auth/login");
        }
        return principal;
    }

    public static Optional<Principal> optionalPrincipal(Context ctx) {
        return Optional.ofNullable(ctx.<Principal>attribute(PRINCIPAL_ATTRIBUTE));
    }

    /** For paths like {@code /api/users/{id}/...}: the caller is that user, or an admin. */
    public static Principal requireUser(Context ctx, long userId) {
        Principal principal = principal(ctx);
        if (!principal.mayActFor(userId)) {
            throw new DomainException(ProblemKind.FORBIDDEN, "user " + principal.userId()
                    + " may not access the data of user " + userId);
        }
        return principal;
    }

    /** The seller business the caller runs; 403 for an account that runs none. */
    public static long requireSellerId(Context ctx) {
        Principal principal = principal(ctx);
        Long sellerId = principal.sellerId();
        if (sellerId == null) {
            throw new DomainException(ProblemKind.FORBIDDEN, "this account runs no seller business: POST /api/sellers first");
        }
        return sellerId;
    }

    /** The 404 to throw when a resource exists but belongs to someone else. */
    public static DomainException notYours(String what, long id) {
        return DomainException.notFound(what, id);
    }

    static DomainException unauthenticated(String detail) {
        return new DomainException(ProblemKind.UNAUTHENTICATED, detail);
    }

    static void set(Context ctx, @Nullable Principal principal) {
        if (principal != null) {
            ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
        }
    }
}
