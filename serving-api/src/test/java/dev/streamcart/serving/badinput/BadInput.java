package dev.streamcart.serving.badinput;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One row of the bad-input table: a request that must be refused with a 4xx problem naming what
 * is wrong, and change nothing. Paths, bodies and headers may hold placeholders ({@code @order},
 * {@code @product}, ...) for ids only known once the fixture exists; {@code @key} becomes a fresh
 * Idempotency-Key.
 *
 * @param name what is wrong, as the test report shows it
 * @param caller who sends it
 * @param method HTTP method
 * @param path path with query, placeholders allowed
 * @param body the raw body (null: none)
 * @param headers extra headers, name and value pairs
 * @param status the expected 4xx status
 * @param mentions text the problem's {@code detail} must contain (case-insensitive): the field,
 *                 parameter or header at fault, or what the refusal is about
 */
record BadInput(String name, Caller caller, String method, String path, @Nullable String body, List<String> headers,
                int status, String mentions) {

    /** Who sends a request of the table. */
    enum Caller {
        ANONYMOUS, CUSTOMER, OTHER_CUSTOMER, SELLER, OTHER_SELLER, ADMIN
    }

    BadInput {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a bad input is answered with a 4xx: " + name);
        }
        headers = List.copyOf(headers);
    }

    @Override
    public String toString() {
        return method + " " + path + ": " + name;
    }
}
