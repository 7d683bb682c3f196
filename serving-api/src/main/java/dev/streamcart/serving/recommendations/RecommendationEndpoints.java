package dev.streamcart.serving.recommendations;

import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.events.Clickstream;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.QueryParams;
import io.javalin.http.Context;

/**
 * HTTP handlers of recommendations, similar products, and the model reload used by
 * {@code ./platform train}. Each recommendations answer is recorded on the clickstream as one
 * impression per product shown, with its A/B variant.
 */
public final class RecommendationEndpoints {

    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final Recommender recommender;
    private final SimilarProducts similar;
    private final ModelRepository models;
    private final Clickstream clickstream;

    public RecommendationEndpoints(Recommender recommender, SimilarProducts similar, ModelRepository models,
                                   Clickstream clickstream) {
        this.recommender = Objects.requireNonNull(recommender, "recommender");
        this.similar = Objects.requireNonNull(similar, "similar");
        this.models = Objects.requireNonNull(models, "models");
        this.clickstream = Objects.requireNonNull(clickstream, "clickstream");
    }

    public void recommend(Context ctx) {
        long userId = PathIds.of(ctx, "userId");
        Access.requireUser(ctx, userId);
        Recommender.Recommendations answer = recommender.recommend(userId, QueryParams.limitParam(ctx, DEFAULT_LIMIT, MAX_LIMIT));
        if (!answer.items().isEmpty()) {
            clickstream.recommendationsShown(session(ctx, userId), userId, answer.variant(),
                    answer.items().stream().map(Recommender.Item::productId).toList());
        }
        ctx.json(answer);
    }

    public void similar(Context ctx) {
        long productId = PathIds.of(ctx, "id");
        ctx.json(similar.similarTo(productId, QueryParams.limitParam(ctx, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    public void status(Context ctx) {
        ctx.json(models.status());
    }

    public void reload(Context ctx) {
        ctx.json(models.refresh());
    }

    // impressions are keyed like other clicks, by the storefront's session; without one, by user
    private static String session(Context ctx, long userId) {
        return Clickstream.sessionOf(ctx.header(Clickstream.SESSION_HEADER), userId);
    }
}
