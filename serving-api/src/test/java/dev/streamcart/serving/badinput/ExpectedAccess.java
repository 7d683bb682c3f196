package dev.streamcart.serving.badinput;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.streamcart.serving.badinput.BadInput.Caller;
import dev.streamcart.serving.badinput.DocumentedOperation.Owner;
import org.jspecify.annotations.Nullable;

/**
 * What a caller gets from an operation, derived from the document alone: {@code security},
 * {@code x-roles}, {@code x-owner} and {@code x-owner-refusal}. {@code status} 0 means let through:
 * anything but 401 and 403 and a 404 for the resource of the path (the request may still be refused
 * for its body, 400, 409, 422, or answered 503 by a part this test does not run).
 *
 * <p>Who owns what is the fixture's: the customer bought the orders, wrote the review and owns the
 * addresses; the seller sells the product; a {@code self} path names the customer or the seller.
 */
record ExpectedAccess(int status) {

    static final ExpectedAccess ALLOWED = new ExpectedAccess(0);

    static ExpectedAccess of(DocumentedOperation operation, Caller caller, @Nullable Caller namedByPath) {
        if (operation.isPublic()) {
            return ALLOWED;
        }
        if (!hasCredential(operation, caller)) {
            return new ExpectedAccess(401);
        }
        if (caller != Caller.ADMIN && !operation.roles().contains(role(caller))) {
            return new ExpectedAccess(403);
        }
        return owners(operation.owner(), operation, namedByPath).contains(caller) ? ALLOWED
                : new ExpectedAccess(operation.ownerRefusal());
    }

    /**
     * Who sends an operation's fuzz mutations and schema violations: the admin on public routes (an
     * admin's token reaches branches an anonymous caller does not, such as X-User-Id), else the first
     * of the customer, the seller and the admin the document lets through, so the owner of the
     * fixture's rows.
     */
    static Caller owner(DocumentedOperation operation, ValidRequest valid) {
        if (operation.isPublic()) {
            return Caller.ADMIN;
        }
        for (Caller caller : List.of(Caller.CUSTOMER, Caller.SELLER, Caller.ADMIN)) {
            if (of(operation, caller, StoreFixture.namedBy(valid.pathAndQuery())).allowed()) {
                return caller;
            }
        }
        throw new IllegalStateException("the document lets nobody call " + operation);
    }

    boolean allowed() {
        return status == 0;
    }

    @Override
    public String toString() {
        return allowed() ? "let through" : Integer.toString(status);
    }

    /**
     * A bearer token is any signed-in caller's; a stream ticket only a caller of the roles can obtain
     * (the ticket route admits them alone), so for anyone else the credential is missing: 401.
     */
    private static boolean hasCredential(DocumentedOperation operation, Caller caller) {
        if (caller == Caller.ANONYMOUS) {
            return false;
        }
        if (operation.schemes().contains("streamTicket")) {
            return caller == Caller.ADMIN || operation.roles().contains(role(caller));
        }
        return true;
    }

    private static Set<Caller> owners(Owner owner, DocumentedOperation operation, @Nullable Caller namedByPath) {
        return switch (owner) {
            case NONE -> Set.of(Caller.values());
            case BUYER, AUTHOR -> Set.of(Caller.CUSTOMER, Caller.ADMIN);
            case SELLER -> Set.of(Caller.SELLER, Caller.ADMIN);
            case BUYER_OR_SELLER -> Set.of(Caller.CUSTOMER, Caller.SELLER, Caller.ADMIN);
            case PURCHASER -> Set.of(Caller.CUSTOMER);
            case SELF -> {
                if (namedByPath == null) {
                    throw new IllegalStateException(operation + " is 'self', but its request names neither the customer nor the seller");
                }
                yield Set.of(namedByPath, Caller.ADMIN);
            }
        };
    }

    static String role(Caller caller) {
        return switch (caller) {
            case CUSTOMER, OTHER_CUSTOMER -> "customer";
            case SELLER, OTHER_SELLER -> "seller";
            case ADMIN -> "admin";
            case ANONYMOUS -> throw new IllegalArgumentException("the anonymous caller has no role");
        };
    }

    static String describe(Caller caller) {
        return caller.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
