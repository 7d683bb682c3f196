package dev.streamcart.serving.web;

import java.util.regex.Pattern;

import dev.streamcart.serving.photos.PhotoUpload;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.javalin.http.Context;

/**
 * Refuses a body whose Content-Length is over its route's limit before anything reads it. Javalin's
 * own limit counts the bytes as they are read, so a client that declared two megabytes and then sent
 * them slowly held a server thread until the first megabyte had arrived. A body without a declared
 * length (chunked) is still bounded by that reading limit.
 */
public final class DeclaredBodySize {

    /** A JSON body's limit, and Javalin's reading limit for every body. */
    public static final int JSON_BYTES = 1_000_000;
    /** The one route that takes more: a review photo, up to {@link PhotoUpload#MAX_BYTES}. */
    private static final Pattern PHOTO_UPLOAD = Pattern.compile("/api/reviews/[^/]+/photos");

    private DeclaredBodySize() {}

    public static void check(Context ctx) {
        long declared = ctx.contentLength();
        if (declared <= JSON_BYTES) {
            return;
        }
        long limit = PHOTO_UPLOAD.matcher(ctx.path()).matches() ? PhotoUpload.MAX_BYTES : JSON_BYTES;
        if (declared > limit) {
            throw new DomainException(ProblemKind.PAYLOAD_TOO_LARGE, "the request body may have at most " + limit
                    + " bytes; its Content-Length is " + declared);
        }
    }
}
