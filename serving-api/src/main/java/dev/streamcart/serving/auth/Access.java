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

    /** The header in which the operator, calling for a shopper (a storefront server), names that shopper. */
    public static final String USER_HEADER = "X-User-Id";

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

    /**
     * Whose storefront behaviour (a view, a search) this request is: the signed-in shopper; or, for the
     * operator calling on a shopper's behalf, the user named in {@value #USER_HEADER}. Anyone else's
     * header is ignored, so nobody can put clicks into another user's history. Null when anonymous; a
     * malformed header also makes it anonymous, because it must not fail the request it rides on.
     */
    public static @Nullable Long shopper(Context ctx) {
        Principal caller = optionalPrincipal(ctx).orElse(null);
        if (caller == null) {
            return null;
        }
        if (!caller.isAdmin()) {
            return caller.userId();
        }
        String raw = ctx.header(USER_HEADER);
        if (raw == null) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.trim());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
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
