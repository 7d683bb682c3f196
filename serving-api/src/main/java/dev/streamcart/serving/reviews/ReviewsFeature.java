package dev.streamcart.serving.reviews;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.photos.PhotoStore;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/** Reviews by verified purchasers, helpful votes, and review photos in the photo store. */
public final class ReviewsFeature implements Feature {

    private final ReviewEndpoints endpoints;

    public ReviewsFeature(ApiInfrastructure infrastructure, PhotoStore photos) {
        this.endpoints = new ReviewEndpoints(infrastructure.bodies(), new ProductReviews(infrastructure.transactions()),
                new ReviewPhotos(infrastructure.transactions(), photos));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/products/{id}/reviews", endpoints::list);
        routes.post("/api/products/{id}/reviews", writes.guard(endpoints::write), Role.SIGNED_IN);
        routes.post("/api/reviews/{id}/helpful", writes.guard(endpoints::helpful), Role.SIGNED_IN);
        routes.post("/api/reviews/{id}/photos", writes.guard(endpoints::addPhoto), Role.SIGNED_IN);
    }
}
