package dev.streamcart.serving.web;

import dev.streamcart.serving.problems.DomainException;
import io.javalin.http.Context;

/** Reads a numeric id from the path; anything but a positive integer is a 400. */
public final class PathIds {

    private PathIds() {}

    public static long of(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DomainException.invalidInput("path parameter '" + name + "' must be a positive integer, was '" + raw + "'");
    }
}
