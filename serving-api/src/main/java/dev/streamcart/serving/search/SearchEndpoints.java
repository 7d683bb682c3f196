package dev.streamcart.serving.search;

import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.events.Clickstream;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** {@code GET /api/search}: parse, search, answer; a search in a session goes to the clickstream. */
public final class SearchEndpoints {

    public static final String SESSION_HEADER = "X-Session-Id";
    public static final String USER_HEADER = "X-User-Id";

    private final ProductSearch search;
    private final Clickstream clickstream;

    public SearchEndpoints(ProductSearch search, Clickstream clickstream) {
        this.search = Objects.requireNonNull(search, "search");
        this.clickstream = Objects.requireNonNull(clickstream, "clickstream");
    }

    public void search(Context ctx) {
        SearchRequest request = SearchRequest.parse(ctx.queryParamMap());
        SearchResult result = search.search(request);
        recordSearch(ctx, request);
        ctx.json(result);
    }

    private void recordSearch(Context ctx, SearchRequest request) {
        String session = ctx.header(SESSION_HEADER);
        if (session == null || session.isBlank()) {
            return;
        }
        clickstream.searched(session.trim(), userId(ctx), request.text() == null ? "" : request.text(),
                request.categoryId());
    }

    /**
     * Whose search this is, as for product views: the signed-in shopper; for the operator calling on a
     * shopper's behalf (a storefront server), the user named in X-User-Id; nobody else's header counts,
     * so no one can put searches into another user's history. A malformed header makes it anonymous.
     */
    private static @Nullable Long userId(Context ctx) {
        Principal caller = Access.optionalPrincipal(ctx).orElse(null);
        if (caller == null) {
            return null;
        }
        if (!caller.isAdmin()) {
            return caller.userId();
        }
        String raw = ctx.header(USER_HEADER);
        if (raw == null) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.trim());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
