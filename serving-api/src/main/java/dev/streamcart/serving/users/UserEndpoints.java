package dev.streamcart.serving.users;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.limits.ClientAddress;
import dev.streamcart.serving.limits.SlidingWindowLimit;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.web.CreatedId;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.PathIds;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * HTTP handlers of {@code /api/users}: sign-up, and the profile, addresses and preferences of one
 * account, which only that account (or an admin) may read or change. The password goes to the
 * hasher and nowhere else.
 */
public final class UserEndpoints {

    /** The body of {@code GET /api/users/{id}/addresses}. */
    public record AddressList(List<Address> addresses) {}

    private final RequestBodies bodies;
    private final UserRegistration registration;
    private final SlidingWindowLimit registrationsPerClient;
    private final ClientAddress clients;
    private final UserProfiles profiles;
    private final UserAddresses addresses;
    private final UserPreferences preferences;

    public UserEndpoints(RequestBodies bodies, UserRegistration registration, SlidingWindowLimit registrationsPerClient,
                         ClientAddress clients, UserProfiles profiles,
                         UserAddresses addresses, UserPreferences preferences) {
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.registration = Objects.requireNonNull(registration, "registration");
        this.registrationsPerClient = Objects.requireNonNull(registrationsPerClient, "registrationsPerClient");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
    }

    /**
     * Sign-up. Counted per client once the body is valid, before the password is hashed; an admin
     * creating accounts is the operator and is not counted.
     */
    public void register(Context ctx) {
        JsonBody body = bodies.read(ctx, "createUser");
        UserRegistration.NewUser user = new UserRegistration.NewUser(
                new EmailAddress(body.requiredText("email")),
                body.requiredSecret("password"),
                body.requiredText("firstName"),
                body.requiredText("lastName"));
        if (Access.optionalPrincipal(ctx).filter(Principal::isAdmin).isEmpty()) {
            registrationsPerClient.acquire(clients.of(ctx));
        }
        long id = registration.register(user);
        ctx.status(201).json(new CreatedId(id));
    }

    // --- profile ---

    public void getProfile(Context ctx) {
        long userId = ownUserId(ctx);
        ctx.json(profiles.find(userId));
    }

    public void updateProfile(Context ctx) {
        long userId = ownUserId(ctx);
        JsonBody body = bodies.read(ctx, "updateProfile");
        ProfileChange change = new ProfileChange(
                unclearable(body, "firstName"),
                unclearable(body, "lastName"),
                body.mentions("phone"),
                PhoneNumber.parse("phone", body.optionalText("phone")));
        ctx.json(profiles.update(userId, change));
    }

    // --- addresses ---

    public void listAddresses(Context ctx) {
        long userId = ownUserId(ctx);
        ctx.json(new AddressList(addresses.list(userId)));
    }

    public void addAddress(Context ctx) {
        long userId = ownUserId(ctx);
        JsonBody body = bodies.read(ctx, "addAddress");
        AddressFields fields = new AddressFields(
                AddressType.parse(body.requiredText("type")),
                body.requiredText("firstName"),
                body.requiredText("lastName"),
                body.optionalText("company"),
                body.requiredText("line1"),
                body.optionalText("line2"),
                body.requiredText("city"),
                body.optionalText("state"),
                body.requiredText("postalCode"),
                body.requiredText("country"),
                PhoneNumber.parse("phone", body.optionalText("phone")));
        Address address = addresses.add(userId, fields, body.optionalBoolean("isDefault"));
        ctx.status(201).header("Location", "/api/users/" + userId + "/addresses/" + address.id()).json(address);
    }

    public void updateAddress(Context ctx) {
        long userId = ownUserId(ctx);
        long addressId = PathIds.of(ctx, "addressId");
        JsonBody body = bodies.read(ctx, "updateAddress");
        Set<String> cleared = new HashSet<>();
        for (String field : AddressChange.CLEARABLE) {
            if (body.mentions(field) && body.optionalText(field) == null) {
                cleared.add(field);
            }
        }
        String type = unclearable(body, "type");
        AddressChange change = new AddressChange(
                type == null ? null : AddressType.parse(type),
                unclearable(body, "firstName"),
                unclearable(body, "lastName"),
                body.optionalText("company"),
                unclearable(body, "line1"),
                body.optionalText("line2"),
                unclearable(body, "city"),
                body.optionalText("state"),
                unclearable(body, "postalCode"),
                unclearable(body, "country"),
                PhoneNumber.parse("phone", body.optionalText("phone")),
                cleared,
                body.optionalBoolean("isDefault"));
        ctx.json(addresses.update(userId, addressId, change));
    }

    public void deleteAddress(Context ctx) {
        long userId = ownUserId(ctx);
        addresses.delete(userId, PathIds.of(ctx, "addressId"));
        ctx.status(204);
    }

    // --- preferences ---

    public void getPreferences(Context ctx) {
        long userId = ownUserId(ctx);
        ctx.json(preferences.find(userId));
    }

    /** A PUT replaces every preference; a field left out takes its default. */
    public void replacePreferences(Context ctx) {
        long userId = ownUserId(ctx);
        JsonBody body = bodies.read(ctx, "replacePreferences");
        Preferences defaults = Preferences.DEFAULTS;
        String language = body.optionalText("language");
        String currency = body.optionalText("currency");
        Boolean marketing = body.optionalBoolean("marketingEmails");
        List<Long> favourites = body.optionalIds("favouriteCategoryIds");
        ctx.json(preferences.replace(userId, new Preferences(
                language != null ? language : defaults.language(),
                currency != null ? currency : defaults.currency(),
                marketing != null ? marketing : defaults.marketingEmails(),
                favourites != null ? favourites : defaults.favouriteCategoryIds())));
    }

    /** The {id} of the path, which must be the caller (or the caller an admin): 403 otherwise. */
    private static long ownUserId(Context ctx) {
        long userId = PathIds.of(ctx, "id");
        Access.requireUser(ctx, userId);
        return userId;
    }

    /** A field a PATCH may change but not remove: an explicit null or blank is a 400. */
    private static @Nullable String unclearable(JsonBody body, String field) {
        String value = body.optionalText(field);
        if (value == null && body.mentions(field)) {
            throw DomainException.invalidInput("'" + field + "' cannot be removed, only changed");
        }
        return value;
    }
}
