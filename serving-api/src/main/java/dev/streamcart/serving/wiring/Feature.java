package dev.streamcart.serving.wiring;

import dev.streamcart.serving.admission.WriteAdmission;
import io.javalin.config.RoutesConfig;

/**
 * One feature of the API (catalog, orders, payments, ...) as {@code ServingApi} composes it: the
 * feature builds its own parts from the {@link ApiInfrastructure} it is given, records what it
 * starts in the {@link Lifecycle}, and declares its routes here.
 *
 * <p>A route that lists roles needs a bearer token of one of them (an admin may call every route);
 * a route without roles is public. Which order, product or user a caller may touch is checked in
 * the handler, against the caller's {@code Principal}. Every route that changes state goes through
 * {@link WriteAdmission#guard}: under overload it is refused with 503 and {@code Retry-After}
 * before it touches anything. Every route is documented in {@code openapi.yaml} (a test holds them
 * to it).
 */
@FunctionalInterface
public interface Feature {

    void declare(RoutesConfig routes, WriteAdmission writes);
}
