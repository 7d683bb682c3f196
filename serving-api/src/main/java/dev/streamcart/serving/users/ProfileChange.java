package dev.streamcart.serving.users;

import org.jspecify.annotations.Nullable;

/**
 * A PATCH of a profile: null names stay as they are; {@code phone} is applied only when
 * {@code phoneGiven} (a given null clears it).
 */
public record ProfileChange(@Nullable String firstName, @Nullable String lastName, boolean phoneGiven,
                            @Nullable String phone) {}
