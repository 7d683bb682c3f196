package dev.streamcart.serving.users;

import java.util.function.LongConsumer;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.limits.ClientAddress;
import dev.streamcart.serving.limits.RegistrationLimits;
import dev.streamcart.serving.limits.SlidingWindowLimit;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/** Accounts: sign-up (limited per client), profiles, addresses and preferences. */
public final class UsersFeature implements Feature {

    private final UserEndpoints endpoints;

    /** {@code preferencesChanged} is told whose preferences changed, so their cached taste is dropped. */
    public UsersFeature(ApiInfrastructure infrastructure, PasswordHasher hasher, ClientAddress clientAddress,
                        RegistrationLimits registrations, LongConsumer preferencesChanged) {
        this.endpoints = new UserEndpoints(infrastructure.bodies(),
                new UserRegistration(infrastructure.transactions(), hasher),
                new SlidingWindowLimit("sign-ups", registrations.maxPerClient(), registrations.window(),
                        infrastructure.clock()),
                clientAddress, new UserProfiles(infrastructure.transactions()),
                new UserAddresses(infrastructure.transactions()),
                new UserPreferences(infrastructure.transactions(), preferencesChanged));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.post("/api/users", writes.guard(endpoints::register));
        // profiles, addresses and preferences: only the user (or an admin), checked in the handler
        routes.get("/api/users/{id}", endpoints::getProfile, Role.SIGNED_IN);
        routes.patch("/api/users/{id}", writes.guard(endpoints::updateProfile), Role.SIGNED_IN);
        routes.get("/api/users/{id}/addresses", endpoints::listAddresses, Role.SIGNED_IN);
        routes.post("/api/users/{id}/addresses", writes.guard(endpoints::addAddress), Role.SIGNED_IN);
        routes.patch("/api/users/{id}/addresses/{addressId}", writes.guard(endpoints::updateAddress), Role.SIGNED_IN);
        routes.delete("/api/users/{id}/addresses/{addressId}", writes.guard(endpoints::deleteAddress), Role.SIGNED_IN);
        routes.get("/api/users/{id}/preferences", endpoints::getPreferences, Role.SIGNED_IN);
        routes.put("/api/users/{id}/preferences", writes.guard(endpoints::replacePreferences), Role.SIGNED_IN);
    }
}
