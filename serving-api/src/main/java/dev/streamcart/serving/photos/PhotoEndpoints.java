package dev.streamcart.serving.photos;

import java.util.Objects;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.javalin.http.Context;

/**
 * Serves stored photos. A photo's name is the hash of its bytes, so the response never changes:
 * it is cacheable by anyone for a year ({@code immutable}), and its ETag is the hash itself.
 */
public final class PhotoEndpoints {

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final PhotoStore store;

    public PhotoEndpoints(PhotoStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public void get(Context ctx) {
        PhotoId id = new PhotoId(ctx.pathParam("sha256"));
        String etag = "\"" + id.sha256() + "\"";
        byte[] bytes = store.read(id).orElseThrow(() -> new DomainException(ProblemKind.NOT_FOUND,
                "photo " + id + " does not exist"));
        // the type is read from the bytes, which were checked on upload; nosniff keeps browsers to it
        PhotoType type = PhotoType.detect(bytes).orElseThrow(() -> new IllegalStateException(
                "stored photo " + id + " is not an accepted image"));
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("ETag", etag);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(type.contentType()).result(bytes);
    }
}
