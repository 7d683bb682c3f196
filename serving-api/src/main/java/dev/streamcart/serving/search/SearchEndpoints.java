package dev.streamcart.serving.search;

import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.events.Clickstream;
import io.javalin.http.Context;

/** {@code GET /api/search}: parse, search, answer; a search in a session goes to the clickstream. */
public final class SearchEndpoints {

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
        String session = ctx.header(Clickstream.SESSION_HEADER);
        if (session == null || session.isBlank()) {
            return;
        }
        clickstream.searched(session.trim(), Access.shopper(ctx), request.text() == null ? "" : request.text(),
                request.categoryId());
    }
}
