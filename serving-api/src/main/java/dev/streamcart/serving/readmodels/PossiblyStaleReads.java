package dev.streamcart.serving.readmodels;

import dev.streamcart.schemas.streams.query.QueryHeaders;
import io.javalin.http.Context;

/**
 * Counts, per request thread, the views read from a Streams app's standby copy (its answer carried
 * {@code X-Possibly-Stale: true}) so the API can mark its own answer the same way and no cache keeps
 * such a value. A thread-local fits because every handler of this API runs on its request's thread
 * from start to end (no asynchronous handlers); the count is reset before each request.
 */
public final class PossiblyStaleReads {

    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

    private PossiblyStaleReads() {}

    static void noteOne() {
        COUNT.get()[0]++;
    }

    /** How many possibly stale answers this thread has read since the last {@link #reset()}. */
    public static int count() {
        return COUNT.get()[0];
    }

    public static void reset() {
        COUNT.get()[0] = 0;
    }

    /** A before-handler: a request starts with no stale read, whatever the thread served before. */
    public static void startRequest(Context ctx) {
        reset();
    }

    /** An after-handler: the answer says it may be stale when any view it read was. */
    public static void markAnswer(Context ctx) {
        if (count() > 0) {
            ctx.header(QueryHeaders.POSSIBLY_STALE, "true");
        }
    }
}
