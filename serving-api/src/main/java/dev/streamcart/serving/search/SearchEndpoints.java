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

    // The signed-in account when there is one; else the optional header. A malformed header must not
    // fail the search: the click is then anonymous.
    private static @Nullable Long userId(Context ctx) {
        Principal principal = Access.optionalPrincipal(ctx).orElse(null);
        if (principal != null) {
            return principal.userId();
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
