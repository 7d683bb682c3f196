package dev.streamcart.serving;

import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.web.OpenApiDocument;
import dev.streamcart.serving.web.docs.SwaggerUi;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/**
 * The whole HTTP surface of serving-api: the API's own documentation, then each feature's routes
 * in the order given (where two templates match one path, the one declared first answers). Every
 * route is documented in {@code openapi.yaml} (a test holds them to it); how a feature declares its
 * routes (roles, admission of writes) is said in {@link Feature}.
 */
public record ApiRoutes(WriteAdmission writes, List<Feature> features) {

    public ApiRoutes {
        Objects.requireNonNull(writes, "writes");
        features = List.copyOf(features);
    }

    public void declare(RoutesConfig routes) {
        routes.get("/openapi.yaml", new OpenApiDocument()::get);
        routes.get(SwaggerUi.PATH, new SwaggerUi()::get); // its scripts: /webjars/, see ServingApi
        for (Feature feature : features) {
            feature.declare(routes, writes);
        }
    }
}
