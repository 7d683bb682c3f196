package dev.streamcart.serving.recommendations;

import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.web.PathIds;
import io.javalin.http.Context;

/** HTTP handlers of recommendations and of the model reload used by {@code ./platform train}. */
public final class RecommendationEndpoints {

    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final Recommender recommender;
    private final ModelRepository models;

    public RecommendationEndpoints(Recommender recommender, ModelRepository models) {
        this.recommender = Objects.requireNonNull(recommender, "recommender");
        this.models = Objects.requireNonNull(models, "models");
    }

    public void recommend(Context ctx) {
        long userId = PathIds.of(ctx, "userId");
        Access.requireUser(ctx, userId);
        ctx.json(recommender.recommend(userId, limit(ctx.queryParam("limit"))));
    }

    public void reload(Context ctx) {
        ctx.json(models.refresh());
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DomainException.invalidInput("'limit' must be an integer from 1 to " + MAX_LIMIT + ", was '" + raw + "'");
    }
}
