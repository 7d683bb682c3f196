package dev.streamcart.serving.badinput;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * One operation of {@code openapi.yaml} as the authorisation matrix and the fuzzer read it: who may
 * call it ({@code security}, {@code x-roles}, {@code x-owner}) and what it takes (parameters and
 * body, every {@code $ref} resolved).
 *
 * @param method upper-case HTTP method
 * @param path the path template, e.g. {@code /api/orders/{id}}
 * @param schemes the names of the security schemes it needs; empty when public
 * @param roles {@code x-roles}; empty when public
 * @param owner {@code x-owner}; {@code none} when public
 * @param ownerRefusal the status a caller of the roles who is not the owner gets
 * @param parameters path, query and header parameters
 * @param body the request body, when the operation takes one
 */
record DocumentedOperation(String method, String path, List<String> schemes, Set<String> roles, Owner owner,
                           int ownerRefusal, List<Parameter> parameters, @Nullable Body body) {

    /** The values of {@code x-owner}, and the status each gives to a caller of the roles who is not the owner. */
    enum Owner {
        NONE("none", 0),
        BUYER("buyer", 404),
        SELLER("seller", 404),
        BUYER_OR_SELLER("buyer-or-seller", 404),
        SELF("self", 403),
        AUTHOR("author", 404),
        PURCHASER("purchaser", 403);

        private final String documented;
        private final int refusal;

        Owner(String documented, int refusal) {
            this.documented = documented;
            this.refusal = refusal;
        }

        int refusal() {
            return refusal;
        }

        static Owner parse(String documented) {
            for (Owner owner : values()) {
                if (owner.documented.equals(documented)) {
                    return owner;
                }
            }
            throw new IllegalArgumentException("x-owner '" + documented + "' is none of the documented values");
        }
    }

    /** A path, query or header parameter; {@code schema} with its {@code $ref} resolved. */
    record Parameter(String name, String in, boolean required, JsonNode schema) {
        Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(in, "in");
        }
    }

    /** The request body: its first media type and that type's schema, {@code $ref} resolved. */
    record Body(String mediaType, boolean required, JsonNode schema) {}

    DocumentedOperation {
        schemes = List.copyOf(schemes);
        roles = Set.copyOf(roles);
        parameters = List.copyOf(parameters);
    }

    boolean isPublic() {
        return schemes.isEmpty();
    }

    /** Whether a request of this method may change state (fingerprints are taken only around those). */
    boolean writes() {
        return !method.equals("GET");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
