package dev.streamcart.serving.badinput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.badinput.BadInput.Caller;

/**
 * The table of bad inputs. Every rule a request-body schema of {@code openapi.yaml} states comes
 * from the document itself ({@link SchemaViolations}); described here are the rest: for each body
 * field, by its kind, the domain's rules (unknown ids, control characters, unpaired surrogates and
 * blank text, e-mail addresses, amounts, codes, card numbers, stock); for each body, malformed JSON
 * and an oversize body; for each path and query parameter, non-numbers, SQL and unicode tricks; for
 * each route, bad headers; and other users' ids.
 */
final class BadInputTable {

    /** Text made of SQL metacharacters, for over-long values (here and in {@link SchemaViolations}). */
    static final String SQL = "'; DROP TABLE orders; -- \" OR '1'='1' /* % _ \\ ";
    private static final String NUL = "a\u0000b";
    private static final String BELL = "be\u0007ll"; // inside: trimming would remove it at either end
    private static final String LONE_SURROGATE = "x\uD800y";
    private static final String KEY_HEADER = "Idempotency-Key";
    private static final int OVERSIZE = 1_100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Kind { ID, TEXT, EMAIL, MONEY, CODE, CARD, ITEMS }

    private record Field(String name, Kind kind, boolean required, String unknownMention, int unknownStatus) {}

    private final List<BadInput> cases = new ArrayList<>();

    static List<BadInput> all() {
        BadInputTable table = new BadInputTable();
        table.cases.addAll(SchemaViolations.all());
        table.bodies();
        table.pathAndQueryParameters();
        table.headers();
        table.otherUsersIds();
        return List.copyOf(table.cases);
    }

    // --- request bodies, field by field --------------------------------------------------------

    private void bodies() {
        body(Caller.ANONYMOUS, "POST", "/api/users", List.of(),
                valid("email", "new-user@example.com", "password", "long enough password", "firstName", "Ada", "lastName", "L"),
                email("email"), text("firstName", true), text("lastName", true));
        body(Caller.ANONYMOUS, "POST", "/api/auth/login", List.of(),
                valid("email", "nobody@example.com", "password", "whatever it is"),
                text("email", true));
        body(Caller.OTHER_CUSTOMER, "POST", "/api/sellers", List.of(),
                valid("name", "New seller", "email", "new-seller@example.com"),
                text("name", true), email("email"));
        body(Caller.ADMIN, "POST", "/api/categories", List.of(),
                valid("name", "New category", "parentId", "@category"),
                text("name", true), id("parentId", "category", 422));
        body(Caller.ADMIN, "POST", "/api/warehouses", List.of(),
                valid("name", "New warehouse", "region", "eu-west"),
                text("name", true), text("region", false));
        body(Caller.SELLER, "POST", "/api/products", List.of(),
                valid("sellerId", "@seller", "categoryId", "@category", "sku", "NEW-SKU-1", "name", "New product",
                        "description", "Described", "price", "9.99", "currency", "USD"),
                id("sellerId", "seller", 403), id("categoryId", "category", 422), text("sku", true),
                text("name", true), text("description", false), money("price"), code("currency", 400));
        body(Caller.SELLER, "POST", "/api/inventory/receipts", List.of(),
                valid("productId", "@product", "warehouseId", "@warehouse", "quantity", 5),
                id("productId", "product", 422), id("warehouseId", "warehouse", 422));
        body(Caller.CUSTOMER, "POST", "/api/orders", List.of(KEY_HEADER, "@key"),
                valid("items", List.of(Map.of("productId", "@product", "quantity", 1))),
                id("userId", "user", 403), items("items"));
        body(Caller.CUSTOMER, "POST", "/api/orders/@order/payments", List.of(KEY_HEADER, "@key"),
                valid("method", "card", "cardNumber", "4242424242424242"),
                code("method", 422), card("cardNumber"));
        body(Caller.SELLER, "POST", "/api/orders/@paidOrder/shipments", List.of(),
                valid("carrier", "streampost", "trackingNumber", "TRACK-1"),
                code("carrier", 422), code("trackingNumber", 400));
        body(Caller.ADMIN, "POST", "/api/shipments/@shipment/tracking-events", List.of(),
                valid("status", "IN_TRANSIT", "location", "Depot"),
                code("status", 400), text("location", false));
        body(Caller.SELLER, "POST", "/api/orders/@paidOrder/refunds", List.of(KEY_HEADER, "@key"),
                valid("reason", "damaged", "amount", "1.00"),
                text("reason", true), money("amount"));
        // the storefront and account routes added with the commerce core
        body(Caller.CUSTOMER, "POST", "/api/cart/items", List.of(),
                valid("productId", "@product", "quantity", 1),
                id("productId", "product", 404));
        body(Caller.CUSTOMER, "PATCH", "/api/cart/items/@product", List.of(),
                valid("quantity", 2));
        body(Caller.SELLER, "PUT", "/api/products/@product/price", List.of(),
                valid("price", "6.00"), money("price"));
        body(Caller.SELLER, "PATCH", "/api/products/@product", List.of(),
                valid("description", "Changed"),
                text("name", false), text("description", false), text("brand", false));
        body(Caller.ADMIN, "PATCH", "/api/categories/@category", List.of(),
                valid("name", "Renamed"), text("name", false));
        body(Caller.CUSTOMER, "POST", "/api/users/@customer/addresses", List.of(),
                valid("type", "shipping", "firstName", "Ada", "lastName", "L", "line1", "1 Main St", "city", "Springfield",
                        "postalCode", "12345", "country", "US"),
                text("type", true), text("firstName", true), text("lastName", true),
                text("company", false), text("line1", true), text("line2", false), text("city", true),
                text("state", false), text("postalCode", true), text("country", true));
        body(Caller.CUSTOMER, "PATCH", "/api/users/@customer", List.of(),
                valid("firstName", "Ada"), text("firstName", false), text("lastName", false));
        body(Caller.CUSTOMER, "PUT", "/api/users/@customer/preferences", List.of(),
                valid("language", "en"), text("language", false));
        body(Caller.CUSTOMER, "POST", "/api/products/@product/reviews", List.of(),
                valid("rating", 5, "title", "Good", "text", "Works as described"), text("title", true), text("text", true));
        body(Caller.ADMIN, "PUT", "/api/admin/sellers/@seller/commission", List.of(),
                valid("commissionRate", "0.10"), money("commissionRate"));
        // refunds of listed items: the lines are checked like an order's
        String refundPath = "/api/orders/@paidOrder/refunds";
        add("refund line without productId", Caller.SELLER, "POST", refundPath,
                json(valid("reason", "r", "items", List.of(Map.of("quantity", 1)))), List.of(KEY_HEADER, "@key"), 400, "items[0].productId");
        add("refund line of quantity 0", Caller.SELLER, "POST", refundPath,
                json(valid("reason", "r", "items", List.of(Map.of("productId", "@product", "quantity", 0)))),
                List.of(KEY_HEADER, "@key"), 400, "items[0].quantity");
        add("refund of more units than bought", Caller.SELLER, "POST", refundPath,
                json(valid("reason", "r", "items", List.of(Map.of("productId", "@product", "quantity", 9999)))),
                List.of(KEY_HEADER, "@key"), 409, "product");
        add("refund of more money than captured", Caller.SELLER, "POST", refundPath,
                json(valid("reason", "r", "amount", "99999.00")), List.of(KEY_HEADER, "@key"), 409, "refund");
    }

    private void body(Caller caller, String method, String path, List<String> headers, Map<String, Object> valid,
                      Field... fields) {
        for (String malformed : List.of("{", "[]", "\"just a string\"", "", "{\"a\":1,}", "null", "{\"a\" 1}", "{}{}")) {
            String mentions = malformed.isEmpty() || malformed.equals("[]") || malformed.startsWith("\"")
                    || malformed.equals("null") ? "body" : "JSON";
            add("malformed body " + malformed, caller, method, path, malformed, headers, 400, mentions);
        }
        add("oversize body (" + OVERSIZE + " bytes)", caller, method, path,
                "{\"name\":\"" + "x".repeat(OVERSIZE) + "\"}", headers, 413, "");
        // beyond the parser's limits: these were 500s (found by ContractFuzzTest)
        add("body nested 2,000 deep", caller, method, path, "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}",
                headers, 400, "JSON");
        add("body with a 2,000-digit number", caller, method, path, "{\"a\":" + "7".repeat(2_000) + "}", headers, 400, "JSON");
        for (Field field : fields) {
            String name = field.name();
            switch (field.kind()) {
                case ID -> add(name + " unknown", caller, method, path, json(with(valid, name, 987654321)), headers,
                        field.unknownStatus(), field.unknownMention());
                case TEXT -> {
                    add(name + " with a NUL character", caller, method, path, json(with(valid, name, NUL)), headers, 400, name);
                    add(name + " with a control character", caller, method, path, json(with(valid, name, BELL)), headers, 400, name);
                    add(name + " with an unpaired surrogate", caller, method, path,
                            json(with(valid, name, LONE_SURROGATE)), headers, 400, name);
                    if (field.required()) {
                        add(name + " blank", caller, method, path, json(with(valid, name, " \t ")), headers, 400, name);
                    }
                }
                case EMAIL -> {
                    for (String wrong : List.of("not an address", "x' OR 1=1 --", "a@b@c", "@example.com", "user@")) {
                        add(name + " = " + shown(wrong), caller, method, path, json(with(valid, name, wrong)), headers, 400, "e-mail");
                    }
                    add(name + " with a NUL character", caller, method, path,
                            json(with(valid, name, "a\u0000b@example.com")), headers, 400, name);
                }
                case MONEY -> {
                    for (Object wrong : List.of("-1.00", "1.999", "abc", "1e400", "NaN", "12345678901.00", "9.99'; --", -1, 1.999)) {
                        add(name + " = " + shown(wrong), caller, method, path, json(with(valid, name, wrong)), headers, 400, name);
                    }
                }
                case CODE -> {
                    for (Object wrong : List.of("' OR '1'='1", "\u202Eevil")) {
                        add(name + " = " + shown(wrong), caller, method, path, json(with(valid, name, wrong)),
                                headers, field.unknownStatus(), name);
                    }
                }
                case CARD -> {
                    for (Object wrong : List.of("4242", "4242424242424241", "4242-4242-4242-4242'--",
                            "\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662",
                            "4242424242424242424242")) {
                        add(name + " = " + shown(wrong), caller, method, path, json(with(valid, name, wrong)), headers, 400,
                                "cardNumber");
                    }
                }
                case ITEMS -> {
                    add(name + "[0].productId unknown", caller, method, path,
                            json(with(valid, name, List.of(Map.of("productId", 987654321, "quantity", 1)))), headers, 422, "987654321");
                    add(name + "[0] more than in stock", caller, method, path,
                            json(with(valid, name, List.of(Map.of("productId", "@product", "quantity", 1000)))), headers, 409, "@product");
                }
            }
        }
    }

    // --- path and query parameters -------------------------------------------------------------

    private void pathAndQueryParameters() {
        List<String[]> routes = List.of(
                new String[] {"GET", "/api/products/%s", "id", "ANONYMOUS"},
                new String[] {"GET", "/api/stock/%s", "productId", "ANONYMOUS"},
                new String[] {"GET", "/api/orders/%s", "id", "CUSTOMER"},
                new String[] {"POST", "/api/orders/%s/payments", "id", "CUSTOMER"},
                new String[] {"POST", "/api/orders/%s/cancel", "id", "CUSTOMER"},
                new String[] {"GET", "/api/orders/%s/shipping-options", "id", "CUSTOMER"},
                new String[] {"GET", "/api/orders/%s/tracking", "id", "CUSTOMER"},
                new String[] {"POST", "/api/orders/%s/fulfil", "id", "SELLER"},
                new String[] {"POST", "/api/orders/%s/shipments", "id", "SELLER"},
                new String[] {"POST", "/api/shipments/%s/tracking-events", "id", "ADMIN"},
                new String[] {"POST", "/api/orders/%s/refunds", "id", "SELLER"},
                new String[] {"GET", "/api/users/%s/notifications", "id", "CUSTOMER"},
                new String[] {"GET", "/api/recommendations/%s", "userId", "CUSTOMER"},
                new String[] {"GET", "/api/products/%s/similar", "id", "ANONYMOUS"});
        for (String[] route : routes) {
            for (String wrong : List.of("abc", "0", "-1", "1.5", "99999999999999999999", "1%27%20OR%20%271%27%3D%271",
                    "%E2%80%AE1", "1%00")) {
                add("path " + route[2] + " = " + wrong, Caller.valueOf(route[3]), route[0], route[1].formatted(wrong),
                        route[0].equals("POST") ? "{}" : null, List.of(), 400, wrong.contains("%00") ? "request URI" : route[2]);
            }
        }
        for (String[] search : List.of(new String[] {"minPrice", "abc"}, new String[] {"minPrice", "-1"},
                new String[] {"maxPrice", "1e400"}, new String[] {"minRating", "6"}, new String[] {"minRating", "x'--"},
                new String[] {"category", "abc"}, new String[] {"category", "-1"}, new String[] {"page", "0"},
                new String[] {"size", "1000"}, new String[] {"size", "abc"}, new String[] {"sort", "price;DROP%20TABLE%20products"},
                new String[] {"inStock", "maybe"}, new String[] {"q", "a%00b"}, new String[] {"brand", "a%00b"},
                new String[] {"q", "x".repeat(300)},
                new String[] {"unknown", "1"})) {
            add("search " + search[0] + " = " + abbreviate(search[1]), Caller.ANONYMOUS, "GET",
                    "/api/search?" + search[0] + "=" + search[1], null, List.of(), 400, search[0]);
        }
        for (String[] route : List.of(new String[] {"GET", "/api/products/%s/reviews", "id", "ANONYMOUS"},
                new String[] {"GET", "/api/users/%s/orders", "id", "CUSTOMER"},
                new String[] {"GET", "/api/users/%s/addresses", "id", "CUSTOMER"},
                new String[] {"GET", "/api/sellers/%s", "id", "ANONYMOUS"},
                new String[] {"DELETE", "/api/cart/items/%s", "productId", "CUSTOMER"},
                new String[] {"GET", "/api/categories/%s", "id", "ANONYMOUS"})) {
            for (String wrong : List.of("abc", "0", "-1", "1%27%20OR%20%271%27%3D%271")) {
                add("path " + route[2] + " = " + wrong, Caller.valueOf(route[3]), route[0], route[1].formatted(wrong),
                        null, List.of(), 400, route[2]);
            }
        }
        for (String region : List.of("x'%20OR%201=1", "%E2%80%AEeu", "a".repeat(65), "eu%00west")) {
            add("query region = " + abbreviate(region), Caller.CUSTOMER, "GET", "/api/orders/@order/shipping-options?region=" + region,
                    null, List.of(), 400, "region");
        }
        for (String limit : List.of("0", "-1", "101", "abc", "1;DROP%20TABLE%20users", "99999999999")) {
            add("query limit = " + limit, Caller.CUSTOMER, "GET", "/api/recommendations/@customer?limit=" + limit, null, List.of(),
                    400, "limit");
        }
        for (String limit : List.of("0", "101", "abc")) {
            add("similar products limit = " + limit, Caller.ANONYMOUS, "GET", "/api/products/@product/similar?limit=" + limit,
                    null, List.of(), 400, "limit");
        }
        for (String rec : List.of("C", "a", "AB")) {
            add("product view rec = " + rec, Caller.ANONYMOUS, "GET", "/api/products/@product?rec=" + rec, null, List.of(),
                    400, "rec");
        }
        for (String minutes : List.of("0", "-5", "1441", "abc", "60'--", "1e3")) {
            add("query minutes = " + minutes, Caller.ADMIN, "GET", "/api/analytics/sales?minutes=" + minutes, null, List.of(),
                    400, "minutes");
        }
    }

    // --- headers -------------------------------------------------------------------------------

    private void headers() {
        String order = json(valid("items", List.of(Map.of("productId", "@product", "quantity", 1))));
        String payment = json(valid("method", "card", "cardNumber", "4242424242424242"));
        String refund = json(valid("reason", "r", "amount", "1.00"));
        List<String[]> keyed = List.of(
                new String[] {"CUSTOMER", "/api/orders", order},
                new String[] {"CUSTOMER", "/api/orders/@order/payments", payment},
                new String[] {"SELLER", "/api/orders/@paidOrder/refunds", refund});
        for (String[] route : keyed) {
            Caller caller = Caller.valueOf(route[0]);
            add("no Idempotency-Key", caller, "POST", route[1], route[2], List.of(), 400, KEY_HEADER);
            add("Idempotency-Key of 256 characters", caller, "POST", route[1], route[2], List.of(KEY_HEADER, "k".repeat(256)), 400, KEY_HEADER);
            add("Idempotency-Key with a space", caller, "POST", route[1], route[2], List.of(KEY_HEADER, "two words"), 400, KEY_HEADER);
            add("Idempotency-Key with SQL", caller, "POST", route[1], route[2], List.of(KEY_HEADER, "k';DROP TABLE idempotency_keys;--x y"),
                    400, KEY_HEADER);
        }
        add("Idempotency-Key of 256 characters on cancel", Caller.CUSTOMER, "POST", "/api/orders/@order/cancel", "",
                List.of(KEY_HEADER, "k".repeat(256)), 400, KEY_HEADER);
        add("Idempotency-Key of 256 characters on fulfil", Caller.SELLER, "POST", "/api/orders/@paidOrder/fulfil", "",
                List.of(KEY_HEADER, "k".repeat(256)), 400, KEY_HEADER);
        add("Idempotency-Key of 256 characters on shipments", Caller.SELLER, "POST", "/api/orders/@paidOrder/shipments",
                json(valid("carrier", "streampost", "trackingNumber", "T-1")), List.of(KEY_HEADER, "k".repeat(256)), 400, KEY_HEADER);

        List<String[]> tokens = List.of(
                new String[] {"Bearer not-a-real-token", "token"},
                new String[] {"Bearer " + "t".repeat(201), "token"},
                new String[] {"Basic dXNlcjpwYXNzd29yZA==", "Authorization"},
                new String[] {"Bearer", "Authorization"},
                new String[] {"Bearer ' OR '1'='1", "token"},
                new String[] {"Bearer @revokedToken", "token"});
        for (String[] token : tokens) {
            add("Authorization: " + abbreviate(token[0]) + " on checkout", Caller.ANONYMOUS, "POST", "/api/orders", order,
                    List.of("Authorization", token[0], KEY_HEADER, "@key"), 401, token[1]);
            add("Authorization: " + abbreviate(token[0]) + " on a public route", Caller.ANONYMOUS, "POST", "/api/users",
                    json(valid("email", "token-case@example.com", "password", "long enough password", "firstName", "A",
                            "lastName", "B")), List.of("Authorization", token[0]), 401, token[1]);
        }
        for (String[] route : List.of(new String[] {"POST", "/api/orders", order}, new String[] {"POST", "/api/categories", "{\"name\":\"c\"}"},
                new String[] {"POST", "/api/orders/@paidOrder/refunds", refund}, new String[] {"GET", "/api/analytics/sales", null})) {
            add("no bearer token", Caller.ANONYMOUS, route[0], route[1], route[2], List.of(KEY_HEADER, "@key"), 401, "bearer token");
        }
        add("a customer adding a category", Caller.CUSTOMER, "POST", "/api/categories", "{\"name\":\"c\"}", List.of(), 403, "customer");
        add("a customer adding a warehouse", Caller.CUSTOMER, "POST", "/api/warehouses", "{\"name\":\"w\"}", List.of(), 403, "customer");
        add("a customer adding a product", Caller.CUSTOMER, "POST", "/api/products",
                json(valid("categoryId", "@category", "sku", "S", "name", "N", "price", "1.00")), List.of(), 403, "customer");
        add("a customer receiving stock", Caller.CUSTOMER, "POST", "/api/inventory/receipts",
                json(valid("productId", "@product", "warehouseId", "@warehouse", "quantity", 1)), List.of(), 403, "customer");
        add("a customer refunding", Caller.CUSTOMER, "POST", "/api/orders/@paidOrder/refunds", refund, List.of(KEY_HEADER, "@key"),
                403, "customer");
        add("a seller reporting tracking", Caller.SELLER, "POST", "/api/shipments/@shipment/tracking-events",
                "{\"status\":\"IN_TRANSIT\"}", List.of(), 403, "seller");
        add("a customer reloading models", Caller.CUSTOMER, "POST", "/api/admin/models/reload", "", List.of(), 403, "customer");
    }

    // --- other users' ids ----------------------------------------------------------------------

    private void otherUsersIds() {
        String payment = json(valid("method", "card", "cardNumber", "4242424242424242"));
        add("another customer's order", Caller.OTHER_CUSTOMER, "GET", "/api/orders/@order", null, List.of(), 404, "@order");
        add("paying another customer's order", Caller.OTHER_CUSTOMER, "POST", "/api/orders/@order/payments", payment,
                List.of(KEY_HEADER, "@key"), 404, "@order");
        add("cancelling another customer's order", Caller.OTHER_CUSTOMER, "POST", "/api/orders/@order/cancel", "", List.of(), 404, "@order");
        add("shipping options of another customer's order", Caller.OTHER_CUSTOMER, "GET", "/api/orders/@order/shipping-options",
                null, List.of(), 404, "@order");
        add("tracking of another customer's order", Caller.OTHER_CUSTOMER, "GET", "/api/orders/@paidOrder/tracking", null, List.of(),
                404, "@paidOrder");
        add("another customer's notifications", Caller.OTHER_CUSTOMER, "GET", "/api/users/@customer/notifications", null, List.of(),
                403, "@customer");
        add("recommendations of another customer", Caller.OTHER_CUSTOMER, "GET", "/api/recommendations/@customer", null, List.of(),
                403, "@customer");
        add("ordering for another customer", Caller.OTHER_CUSTOMER, "POST", "/api/orders",
                json(valid("userId", "@customer", "items", List.of(Map.of("productId", "@product", "quantity", 1)))),
                List.of(KEY_HEADER, "@key"), 403, "userId");
        add("another seller fulfilling the order", Caller.OTHER_SELLER, "POST", "/api/orders/@paidOrder/fulfil", "", List.of(), 404,
                "@paidOrder");
        add("another seller shipping the order", Caller.OTHER_SELLER, "POST", "/api/orders/@paidOrder/shipments",
                json(valid("carrier", "streampost", "trackingNumber", "T-2")), List.of(), 404, "@paidOrder");
        add("another seller refunding the order", Caller.OTHER_SELLER, "POST", "/api/orders/@paidOrder/refunds",
                json(valid("reason", "r", "amount", "1.00")), List.of(KEY_HEADER, "@key"), 404, "@paidOrder");
        add("another seller receiving stock of the product", Caller.OTHER_SELLER, "POST", "/api/inventory/receipts",
                json(valid("productId", "@product", "warehouseId", "@warehouse", "quantity", 1)), List.of(), 422, "@product");
        add("a product for another seller", Caller.OTHER_SELLER, "POST", "/api/products",
                json(valid("sellerId", "@seller", "categoryId", "@category", "sku", "OTHER-1", "name", "N", "price", "1.00")),
                List.of(), 403, "sellerId");
        add("another customer's addresses", Caller.OTHER_CUSTOMER, "GET", "/api/users/@customer/addresses", null, List.of(),
                403, "@customer");
        add("an address for another customer", Caller.OTHER_CUSTOMER, "POST", "/api/users/@customer/addresses",
                json(valid("type", "shipping", "firstName", "A", "lastName", "B", "line1", "1 Main St", "city", "C",
                        "postalCode", "1", "country", "US")), List.of(), 403, "@customer");
        add("another customer's profile change", Caller.OTHER_CUSTOMER, "PATCH", "/api/users/@customer",
                json(valid("firstName", "Mallory")), List.of(), 403, "@customer");
        add("another customer's orders", Caller.OTHER_CUSTOMER, "GET", "/api/users/@customer/orders", null, List.of(),
                403, "@customer");
        add("another seller's price change", Caller.OTHER_SELLER, "PUT", "/api/products/@product/price",
                json(valid("price", "0.01")), List.of(), 404, "@product");
        add("another seller's product edit", Caller.OTHER_SELLER, "PATCH", "/api/products/@product",
                json(valid("name", "Hijacked")), List.of(), 404, "@product");
        add("a seller setting a commission", Caller.SELLER, "PUT", "/api/admin/sellers/@seller/commission",
                json(valid("commissionRate", "0.00")), List.of(), 403, "seller");
        add("the seller paying the buyer's order", Caller.SELLER, "POST", "/api/orders/@order/payments", payment,
                List.of(KEY_HEADER, "@key"), 404, "@order");
    }

    // --- helpers -------------------------------------------------------------------------------

    private void add(String name, Caller caller, String method, String path, String body, List<String> headers,
                     int status, String mentions) {
        cases.add(new BadInput(name, caller, method, path, body, headers, status, mentions));
    }

    private static Field id(String name, String unknownMention, int unknownStatus) {
        return new Field(name, Kind.ID, false, unknownMention, unknownStatus);
    }

    private static Field text(String name, boolean required) {
        return new Field(name, Kind.TEXT, required, "", 0);
    }

    private static Field email(String name) {
        return new Field(name, Kind.EMAIL, true, "", 0);
    }

    private static Field money(String name) {
        return new Field(name, Kind.MONEY, false, "", 0);
    }

    /** A value from a fixed set; {@code unknownStatus} answers a well-formed value outside it. */
    private static Field code(String name, int unknownStatus) {
        return new Field(name, Kind.CODE, false, name, unknownStatus);
    }

    private static Field card(String name) {
        return new Field(name, Kind.CARD, true, "", 0);
    }

    private static Field items(String name) {
        return new Field(name, Kind.ITEMS, true, "", 0);
    }

    private static Map<String, Object> valid(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(valid);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> valid, String field) {
        Map<String, Object> changed = new LinkedHashMap<>(valid);
        changed.remove(field);
        return changed;
    }

    private static String json(Map<String, Object> body) {
        try {
            // sent as a JSON escape: a raw unpaired surrogate would become '?' on its way to UTF-8
            return JSON.writeValueAsString(body).replace(LONE_SURROGATE, "x\\ud800y");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String shown(Object value) {
        try {
            return abbreviate(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + ")" : text;
    }
}
