package dev.streamcart.serving.users;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A user's profile as the user (or an admin) sees it; never the password hash. */
public record Profile(long id, String email, String firstName, String lastName, @Nullable String phone, String role,
                      Instant createdAt, Instant updatedAt) {}
