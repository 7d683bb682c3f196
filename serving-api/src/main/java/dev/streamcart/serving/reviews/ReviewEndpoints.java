package dev.streamcart.serving.reviews;

import java.util.Locale;
import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.photos.PhotoUpload;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.QueryParams;
import io.javalin.http.Context;

/** HTTP handlers of product reviews, their "helpful" votes and their photos. */
public final class ReviewEndpoints {

    private final RequestBodies bodies;
    private final ProductReviews reviews;
    private final ReviewPhotos photos;

    public ReviewEndpoints(RequestBodies bodies, ProductReviews reviews, ReviewPhotos photos) {
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        this.photos = Objects.requireNonNull(photos, "photos");
    }

    public void write(Context ctx) {
        long productId = PathIds.of(ctx, "id");
        Principal caller = Access.principal(ctx);
        JsonBody body = bodies.read(ctx, "writeReview");
        NewReview review = new NewReview(body.requiredInt("rating"),
                body.requiredText("title"), body.requiredText("text"));
        Review written = reviews.write(productId, caller.userId(), review);
        ctx.status(201).header("Location", "/api/products/" + productId + "/reviews").json(written);
    }

    /** {@code ?sort=newest|helpful&page=0&size=20}. */
    public void list(Context ctx) {
        long productId = PathIds.of(ctx, "id");
        ReviewSort sort = ReviewSort.valueOf(QueryParams.choiceParam(ctx, "sort", "newest", "newest", "helpful")
                .toUpperCase(Locale.ROOT));
        int page = QueryParams.intParam(ctx, "page", 0, 0, 10_000);
        int size = QueryParams.intParam(ctx, "size", 20, 1, 100);
        ctx.json(reviews.page(productId, sort, page, size));
    }

    public void helpful(Context ctx) {
        long reviewId = PathIds.of(ctx, "id");
        ctx.json(reviews.markHelpful(reviewId, Access.principal(ctx).userId()));
    }

    /** The photo is the raw request body; see {@link PhotoUpload} for what is accepted. */
    public void addPhoto(Context ctx) {
        long reviewId = PathIds.of(ctx, "id");
        Principal caller = Access.principal(ctx);
        PhotoUpload upload = PhotoUpload.from(ctx);
        ReviewPhotos.Attached attached = photos.attach(reviewId, caller, upload);
        ctx.status(attached.added() ? 201 : 200).header("Location", attached.photo().url()).json(attached.photo());
    }
}
