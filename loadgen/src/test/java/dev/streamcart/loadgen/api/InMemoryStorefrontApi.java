package dev.streamcart.loadgen.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test double of OUR storefront API (the endpoints of openapi.yaml), in memory, on the JDK's HTTP
 * server bound to a free 127.0.0.1 port. It keeps just enough state to behave like the real one
 * for the simulator: unique e-mails and SKUs, stock reserved at checkout (409 when short),
 * idempotent checkout and payment keyed by Idempotency-Key, the documented test cards, and
 * problem+json errors. The shopping routes too: carts (lines at remembered prices, save for later,
 * quote, checkout with 409 price-changed and insufficient stock), addresses, search, fulfilment
 * (fulfil, shipments, tracking events, refunds) and reviews by verified purchasers only. The
 * caller's user comes from the bearer token the double's login hands out. It also counts what it
 * saw so tests can compare with the simulator.
 */
public final class InMemoryStorefrontApi implements AutoCloseable {

    static {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Pattern PRODUCT = Pattern.compile("/api/products/(\\d+)");
    private static final Pattern RECOMMENDATIONS = Pattern.compile("/api/recommendations/(\\d+)");
    private static final Pattern STOCK = Pattern.compile("/api/stock/(\\d+)");
    private static final Pattern PAYMENT = Pattern.compile("/api/orders/(\\d+)/payments");
    private static final Pattern CANCEL = Pattern.compile("/api/orders/(\\d+)/cancel");
    private static final Pattern FULFIL = Pattern.compile("/api/orders/(\\d+)/fulfil");
    private static final Pattern SHIPMENTS = Pattern.compile("/api/orders/(\\d+)/shipments");
    private static final Pattern REFUNDS = Pattern.compile("/api/orders/(\\d+)/refunds");
    private static final Pattern TRACKING = Pattern.compile("/api/shipments/(\\d+)/tracking-events");
    private static final Pattern REVIEWS = Pattern.compile("/api/products/(\\d+)/reviews");
    private static final Pattern ADDRESSES = Pattern.compile("/api/users/(\\d+)/addresses");
    private static final Pattern CART_ITEM = Pattern.compile("/api/cart/items/(\\d+)");
    private static final Pattern SAVE_FOR_LATER = Pattern.compile("/api/cart/items/(\\d+)/save-for-later");
    private static final Pattern MOVE_TO_CART = Pattern.compile("/api/cart/saved/(\\d+)/move-to-cart");
    private static final String TOKEN_PREFIX = "Bearer token-of-";
    private static final java.util.Set<String> REVIEWABLE = java.util.Set.of("PAID", "FULFILLING", "SHIPPED", "DELIVERED");

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    private long nextId = 1;
    private final Map<String, Long> sellerEmails = new HashMap<>();
    private final Map<Long, Long> categories = new HashMap<>();
    private final Map<Long, Product> products = new HashMap<>();
    private long recommendationRequests;
    private final Map<String, Long> skus = new HashMap<>();
    private final Map<Long, String> warehouses = new HashMap<>();
    private final Map<Long, Map<Long, int[]>> stock = new HashMap<>();
    private final Map<String, Long> userEmails = new HashMap<>();
    private final Map<Long, Order> orders = new HashMap<>();
    private final Map<String, Answer> idempotentAnswers = new HashMap<>();
    private final Map<Long, Integer> receiptsByProduct = new HashMap<>();
    private int receipts;
    private int productViews;
    private int viewsWithoutSession;
    private int stockShortRefusals;
    private int payments;
    private int declinedPayments;
    private int cancelledOrders;
    private int chargesOfAlreadySettledOrders;
    private int replaysAnswered;
    private final Map<Long, Map<Long, CartLine>> carts = new HashMap<>();
    private final Map<Long, List<Long>> addresses = new HashMap<>();
    private final Map<Long, Long> shipments = new HashMap<>();
    private final java.util.Set<String> reviewed = new java.util.HashSet<>();
    private int searches;
    private int searchesWithoutSession;
    private int cartAdds;
    private int cartAddsWithoutSession;
    private int savedForLater;
    private int movedToCart;
    private int cartCheckouts;
    private int priceChangedRefusals;
    private int priceRefreshes;
    private int quotes;
    private int reviews;
    private int reviewsRefused;
    private int reviewsOfUndeliveredOrders;
    private int priceChangeEvery;

    /** A cart line: the price remembered when it was added; {@code saved} is saved-for-later. */
    private static final class CartLine {
        int quantity;
        BigDecimal unitPrice;
        boolean saved;
        /** The A/B variant of the recommendation the line was first added from (?rec=), or null. */
        String variant;

        CartLine(int quantity, BigDecimal unitPrice) {
            this.quantity = quantity;
            this.unitPrice = unitPrice;
        }
    }

    private record Product(long id, long sellerId, long categoryId, String name, BigDecimal price) {}

    private record Line(long productId, int quantity, BigDecimal unitPrice) {}

    private static final class Order {
        final long id;
        final long userId;
        final List<Line> lines;
        final Map<Long, Map<Long, Integer>> reservations;
        /** Product id -> A/B variant, for the lines that followed a recommendation (cart checkouts only). */
        final Map<Long, String> variants = new HashMap<>();
        String status = "PENDING_PAYMENT";

        Order(long id, long userId, List<Line> lines, Map<Long, Map<Long, Integer>> reservations) {
            this.id = id;
            this.userId = userId;
            this.lines = lines;
            this.reservations = reservations;
        }
    }

    private record Answer(int status, String body) {}

    public InMemoryStorefrontApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- what the double saw -------------------------------------------------------------

    public synchronized int sellers() {
        return sellerEmails.size();
    }

    public synchronized int categories() {
        return categories.size();
    }

    public synchronized int rootCategories() {
        return (int) categories.values().stream().filter(parent -> parent == 0).count();
    }

    public synchronized int products() {
        return products.size();
    }

    public synchronized int warehouses() {
        return warehouses.size();
    }

    public synchronized int users() {
        return userEmails.size();
    }

    public synchronized int receipts() {
        return receipts;
    }

    public synchronized int receiptsFor(long productId) {
        return receiptsByProduct.getOrDefault(productId, 0);
    }

    public synchronized int orders() {
        return orders.size();
    }

    public synchronized long ordersWithStatus(String status) {
        return orders.values().stream().filter(order -> order.status.equals(status)).count();
    }

    public synchronized int payments() {
        return payments;
    }

    public synchronized int declinedPayments() {
        return declinedPayments;
    }

    public synchronized int cancelledOrders() {
        return cancelledOrders;
    }

    public synchronized int stockShortRefusals() {
        return stockShortRefusals;
    }

    public synchronized int productViews() {
        return productViews;
    }

    /** How many times a shopper's page asked for recommendations. */
    public synchronized long recommendationRequests() {
        return recommendationRequests;
    }

    public synchronized int viewsWithoutSession() {
        return viewsWithoutSession;
    }

    /** Payments that reached an order that was no longer waiting for payment: must stay 0. */
    public synchronized int chargesOfAlreadySettledOrders() {
        return chargesOfAlreadySettledOrders;
    }

    public synchronized int replaysAnswered() {
        return replaysAnswered;
    }

    public synchronized int searches() {
        return searches;
    }

    public synchronized int searchesWithoutSession() {
        return searchesWithoutSession;
    }

    public synchronized int cartAdds() {
        return cartAdds;
    }

    public synchronized int cartAddsWithoutSession() {
        return cartAddsWithoutSession;
    }

    public synchronized int savedForLater() {
        return savedForLater;
    }

    public synchronized int movedToCart() {
        return movedToCart;
    }

    public synchronized int quotes() {
        return quotes;
    }

    /** Paid order lines that followed a recommendation, counted per A/B variant. */
    public synchronized Map<String, Long> paidRecommendedLinesByVariant() {
        return orders.values().stream().filter(order -> "PAID".equals(order.status))
                .flatMap(order -> order.variants.values().stream())
                .collect(Collectors.groupingBy(variant -> variant, java.util.TreeMap::new, Collectors.counting()));
    }

    /** Orders placed from a cart. */
    public synchronized int cartCheckouts() {
        return cartCheckouts;
    }

    public synchronized int priceChangedRefusals() {
        return priceChangedRefusals;
    }

    public synchronized int priceRefreshes() {
        return priceRefreshes;
    }

    /** Reviews written (201). */
    public synchronized int reviews() {
        return reviews;
    }

    /** Reviews refused because the author had not bought the product: must stay 0. */
    public synchronized int reviewsRefused() {
        return reviewsRefused;
    }

    /** Reviews of products whose buyer's orders of it were none DELIVERED yet. */
    public synchronized int reviewsOfUndeliveredOrders() {
        return reviewsOfUndeliveredOrders;
    }

    /** Lines left in carts (not saved for later), over all users. */
    public synchronized int linesInCarts() {
        return (int) carts.values().stream().flatMap(cart -> cart.values().stream()).filter(line -> !line.saved).count();
    }

    /** Raise the price of every {@code n}th product added to a cart by 1.00 right after the add (0: never). */
    public synchronized void changePriceAfterEveryCartAdd(int n) {
        priceChangeEvery = n;
    }

    public synchronized void changePrice(long productId, BigDecimal newPrice) {
        Product product = products.get(productId);
        products.put(productId, new Product(productId, product.sellerId(), product.categoryId(), product.name(), newPrice));
    }

    /** Available units of a product over all warehouses. */
    public synchronized int available(long productId) {
        return stock.getOrDefault(productId, Map.of()).values().stream().mapToInt(units -> units[0] - units[1]).sum();
    }

    // ---- HTTP ------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = route(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("X-Session-Id"), readBody(exchange),
                        caller(exchange.getRequestHeaders().getFirst("Authorization")),
                        exchange.getRequestURI().getRawQuery());
            } catch (RuntimeException e) {
                answer = problem(400, "bad request: " + e.getMessage());
            }
            byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    answer.status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(answer.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        }
    }

    /** The user id behind a bearer token of the double's login, or 0 (the operator, or nobody). */
    private synchronized long caller(String authorization) {
        if (authorization == null || !authorization.startsWith(TOKEN_PREFIX)) {
            return 0;
        }
        return userEmails.getOrDefault(authorization.substring(TOKEN_PREFIX.length()), 0L);
    }

    private synchronized Answer route(String method, String path, String idempotencyKey, String sessionId,
            JsonNode body, long caller, String query) {
        Matcher matcher;
        if (method.equals("GET") && path.equals("/health")) {
            return new Answer(200, "{\"status\":\"UP\",\"components\":{}}");
        }
        Answer shopping = routeShopping(method, path, idempotencyKey, sessionId, body, caller, query);
        if (shopping != null) {
            return shopping;
        }
        if (method.equals("POST")) {
            switch (path) {
                case "/api/sellers":
                    return createSeller(body);
                case "/api/categories":
                    return createCategory(body);
                case "/api/products":
                    return createProduct(body);
                case "/api/warehouses":
                    return createWarehouse(body);
                case "/api/inventory/receipts":
                    return receive(body);
                case "/api/users":
                    return createUser(body);
                case "/api/auth/login":
                    // the token's value is not checked here: serving-api's own tests cover authentication
                    return new Answer(200, "{\"token\":\"token-of-" + body.path("email").asText() + "\"}");
                case "/api/orders":
                    return idempotent(idempotencyKey, "orders", () -> placeOrder(body));
                default:
                    break;
            }
            if ((matcher = PAYMENT.matcher(path)).matches()) {
                long orderId = Long.parseLong(matcher.group(1));
                return idempotent(idempotencyKey, "payment " + orderId, () -> pay(orderId, body));
            }
            if ((matcher = CANCEL.matcher(path)).matches()) {
                return cancel(Long.parseLong(matcher.group(1)));
            }
        }
        if (method.equals("GET") && (matcher = PRODUCT.matcher(path)).matches()) {
            return viewProduct(Long.parseLong(matcher.group(1)), sessionId);
        }
        if (method.equals("GET") && (matcher = STOCK.matcher(path)).matches()) {
            return stockView(Long.parseLong(matcher.group(1)));
        }
        return problem(404, "no route " + method + " " + path);
    }

    private Answer idempotent(String key, String scope, Supplier<Answer> action) {
        if (key == null || key.isBlank()) {
            return problem(400, "Idempotency-Key header required");
        }
        Answer previous = idempotentAnswers.get(scope + "|" + key);
        if (previous != null) {
            replaysAnswered++;
            return previous;
        }
        Answer answer = action.get();
        idempotentAnswers.put(scope + "|" + key, answer);
        return answer;
    }

    private Answer createSeller(JsonNode body) {
        String email = text(body, "email");
        text(body, "name");
        if (sellerEmails.containsKey(email)) {
            return problem(409, "seller e-mail taken");
        }
        sellerEmails.put(email, nextId);
        return created(nextId++);
    }

    private Answer createCategory(JsonNode body) {
        text(body, "name");
        long parent = body.hasNonNull("parentId") ? body.get("parentId").asLong() : 0;
        if (parent != 0 && !categories.containsKey(parent)) {
            return problem(400, "unknown parent category " + parent);
        }
        categories.put(nextId, parent);
        return created(nextId++);
    }

    private Answer createProduct(JsonNode body) {
        JsonNode price = body.get("price");
        if (price == null || !price.isTextual()) {
            return problem(400, "price must be a decimal string");
        }
        long sellerId = body.path("sellerId").asLong();
        long categoryId = body.path("categoryId").asLong();
        String sku = text(body, "sku");
        if (!sellerEmails.containsValue(sellerId) || !categories.containsKey(categoryId)) {
            return problem(400, "unknown seller or category");
        }
        if (skus.containsKey(sku)) {
            return problem(409, "sku taken");
        }
        BigDecimal amount = new BigDecimal(price.asText());
        if (amount.scale() > 2 || amount.signum() <= 0) {
            return problem(400, "bad price " + price.asText());
        }
        long id = nextId++;
        skus.put(sku, id);
        products.put(id, new Product(id, sellerId, categoryId, text(body, "name"), amount));
        return created(id);
    }

    private Answer createWarehouse(JsonNode body) {
        warehouses.put(nextId, text(body, "name"));
        return created(nextId++);
    }

    private Answer receive(JsonNode body) {
        long productId = body.path("productId").asLong();
        long warehouseId = body.path("warehouseId").asLong();
        int quantity = body.path("quantity").asInt();
        if (!products.containsKey(productId) || !warehouses.containsKey(warehouseId) || quantity <= 0) {
            return problem(400, "bad receipt " + body);
        }
        stock.computeIfAbsent(productId, id -> new LinkedHashMap<>())
                .computeIfAbsent(warehouseId, id -> new int[2])[0] += quantity;
        receipts++;
        receiptsByProduct.merge(productId, 1, Integer::sum);
        return new Answer(201, "{}");
    }

    private Answer createUser(JsonNode body) {
        String email = text(body, "email");
        text(body, "password");
        text(body, "firstName");
        text(body, "lastName");
        if (userEmails.containsKey(email)) {
            return problem(409, "user e-mail taken");
        }
        userEmails.put(email, nextId);
        return created(nextId++);
    }

    private Answer viewProduct(long productId, String sessionId) {
        Product product = products.get(productId);
        if (product == null) {
            return problem(404, "no product " + productId);
        }
        productViews++;
        if (sessionId == null) {
            viewsWithoutSession++;
        }
        return new Answer(200, String.format("{\"id\":%d,\"name\":%s,\"price\":\"%s\",\"stock\":{\"available\":%d}}",
                productId, quote(product.name()), product.price().toPlainString(), available(productId)));
    }

    private Answer placeOrder(JsonNode body) {
        long userId = body.path("userId").asLong();
        if (!userEmails.containsValue(userId)) {
            return problem(400, "unknown user " + userId);
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            Product product = products.get(item.path("productId").asLong());
            int quantity = item.path("quantity").asInt();
            if (product == null || quantity <= 0) {
                return problem(400, "bad item " + item);
            }
            lines.add(new Line(product.id(), quantity, product.price()));
        }
        if (lines.isEmpty()) {
            return problem(400, "no items");
        }
        return place(userId, lines);
    }

    /** Reserves stock and places the order, or 409 when any line is short. */
    private Answer place(long userId, List<Line> lines) {
        for (Line line : lines) {
            if (available(line.productId()) < line.quantity()) {
                stockShortRefusals++;
                return problem(409, "not enough stock for product " + line.productId());
            }
        }
        Map<Long, Map<Long, Integer>> reservations = new HashMap<>();
        for (Line line : lines) {
            int needed = line.quantity();
            for (Map.Entry<Long, int[]> warehouse : stock.get(line.productId()).entrySet()) {
                int take = Math.min(needed, warehouse.getValue()[0] - warehouse.getValue()[1]);
                if (take > 0) {
                    warehouse.getValue()[1] += take;
                    reservations.computeIfAbsent(line.productId(), id -> new HashMap<>())
                            .merge(warehouse.getKey(), take, Integer::sum);
                    needed -= take;
                }
            }
        }
        long id = nextId++;
        orders.put(id, new Order(id, userId, lines, reservations));
        BigDecimal total = lines.stream().map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
        return new Answer(201, "{\"id\":" + id + ",\"status\":\"PENDING_PAYMENT\",\"total\":\"" + total.toPlainString() + "\"}");
    }

    private Answer pay(long orderId, JsonNode body) {
        Order order = orders.get(orderId);
        if (order == null) {
            return problem(404, "no order " + orderId);
        }
        if (!"card".equals(body.path("method").asText())) {
            return problem(400, "method must be card");
        }
        if (!order.status.equals("PENDING_PAYMENT")) {
            chargesOfAlreadySettledOrders++;
            return problem(409, "order " + orderId + " is " + order.status);
        }
        payments++;
        switch (text(body, "cardNumber")) {
            case "4242424242424242":
                order.status = "PAID";
                return new Answer(201, "{\"orderId\":" + orderId + ",\"status\":\"PAID\"}");
            case "4000000000000002":
            case "4000000000009995":
                declinedPayments++;
                release(order, "PAYMENT_FAILED");
                return problem(402, "card declined");
            default:
                return problem(400, "unknown test card");
        }
    }

    private Answer cancel(long orderId) {
        Order order = orders.get(orderId);
        if (order == null) {
            return problem(404, "no order " + orderId);
        }
        if (!order.status.equals("PENDING_PAYMENT")) {
            return problem(409, "order " + orderId + " is " + order.status);
        }
        cancelledOrders++;
        release(order, "CANCELLED");
        return new Answer(200, "{\"id\":" + orderId + ",\"status\":\"CANCELLED\"}");
    }

    private void release(Order order, String status) {
        order.reservations.forEach((productId, byWarehouse) -> byWarehouse.forEach((warehouseId, units) ->
                stock.get(productId).get(warehouseId)[1] -= units));
        order.status = status;
    }

    private Answer stockView(long productId) {
        Map<Long, int[]> byWarehouse = stock.get(productId);
        if (byWarehouse == null) {
            return problem(404, "no stock known for product " + productId);
        }
        StringBuilder warehousesJson = new StringBuilder();
        int onHand = 0;
        int reserved = 0;
        for (Map.Entry<Long, int[]> warehouse : byWarehouse.entrySet()) {
            int[] units = warehouse.getValue();
            onHand += units[0];
            reserved += units[1];
            if (warehousesJson.length() > 0) {
                warehousesJson.append(',');
            }
            warehousesJson.append(String.format("{\"warehouseId\":%d,\"onHand\":%d,\"reserved\":%d,\"available\":%d}",
                    warehouse.getKey(), units[0], units[1], units[0] - units[1]));
        }
        return new Answer(200, String.format(
                "{\"productId\":%d,\"onHand\":%d,\"reserved\":%d,\"available\":%d,\"warehouses\":[%s]}",
                productId, onHand, reserved, onHand - reserved, warehousesJson));
    }

    // ---- carts, addresses, search, fulfilment, reviews --------------------------------

    /** The answer of an issue-3 route, or null when the path is none of them. */
    private Answer routeShopping(String method, String path, String idempotencyKey, String sessionId, JsonNode body,
            long caller, String query) {
        Matcher matcher;
        if (method.equals("GET") && path.equals("/api/search")) {
            return search(sessionId, query);
        }
        if (method.equals("GET") && (matcher = RECOMMENDATIONS.matcher(path)).matches()) {
            long userId = Long.parseLong(matcher.group(1));
            if (caller != userId) {
                return problem(caller == 0 ? 401 : 403, "not your recommendations");
            }
            // the few lowest product ids stand in for a model's ranking
            String items = products.keySet().stream().sorted().limit(5)
                    .map(id -> "{\"productId\":" + id + ",\"score\":1.0}").collect(Collectors.joining(","));
            recommendationRequests++;
            return new Answer(200, "{\"userId\":" + userId + ",\"modelVersion\":\"none\",\"variant\":\"A\","
                    + "\"source\":\"BEST_SELLERS\",\"items\":[" + items + "]}");
        }
        if (path.startsWith("/api/cart")) {
            if (caller == 0) {
                return problem(401, "sign in first");
            }
            return cartRoute(method, path, idempotencyKey, sessionId, body, caller, query);
        }
        if ((matcher = ADDRESSES.matcher(path)).matches()) {
            long userId = Long.parseLong(matcher.group(1));
            if (caller != userId) {
                return problem(403, "not your addresses");
            }
            List<Long> ids = addresses.computeIfAbsent(userId, id -> new ArrayList<>());
            if (method.equals("GET")) {
                StringBuilder list = new StringBuilder();
                for (int i = 0; i < ids.size(); i++) {
                    list.append(i == 0 ? "" : ",").append("{\"id\":").append(ids.get(i))
                            .append(",\"type\":\"shipping\",\"isDefault\":").append(i == ids.size() - 1).append('}');
                }
                return new Answer(200, "{\"addresses\":[" + list + "]}");
            }
            if (method.equals("POST")) {
                text(body, "line1");
                text(body, "country");
                text(body, "postalCode");
                if (!body.path("isDefault").isBoolean() || body.has("default")) {
                    return problem(400, "'isDefault' must be a boolean, and there is no field 'default'");
                }
                ids.add(nextId);
                return created(nextId++);
            }
        }
        if (method.equals("POST") && (matcher = REVIEWS.matcher(path)).matches()) {
            return review(caller, Long.parseLong(matcher.group(1)), body);
        }
        if (method.equals("POST") && (matcher = FULFIL.matcher(path)).matches()) {
            return advance(Long.parseLong(matcher.group(1)), "FULFILLING", java.util.Set.of("PAID"), 200);
        }
        if (method.equals("POST") && (matcher = SHIPMENTS.matcher(path)).matches()) {
            long orderId = Long.parseLong(matcher.group(1));
            Answer answer = advance(orderId, "SHIPPED", java.util.Set.of("PAID", "FULFILLING"), 201);
            if (answer.status() != 201) {
                return answer;
            }
            long shipmentId = nextId++;
            shipments.put(shipmentId, orderId);
            return created(shipmentId);
        }
        if (method.equals("POST") && (matcher = TRACKING.matcher(path)).matches()) {
            Long orderId = shipments.get(Long.parseLong(matcher.group(1)));
            if (orderId == null) {
                return problem(404, "no shipment");
            }
            String status = text(body, "status");
            return status.equals("DELIVERED")
                    ? advance(orderId, "DELIVERED", java.util.Set.of("SHIPPED"), 201)
                    : advance(orderId, "SHIPPED", java.util.Set.of("SHIPPED"), 201);
        }
        if (method.equals("POST") && (matcher = REFUNDS.matcher(path)).matches()) {
            String status = body.hasNonNull("amount") ? "PARTIALLY_REFUNDED" : "REFUNDED";
            return advance(Long.parseLong(matcher.group(1)), status,
                    java.util.Set.of("PAID", "FULFILLING", "SHIPPED", "DELIVERED", "PARTIALLY_REFUNDED"), 201);
        }
        return null;
    }

    private Answer advance(long orderId, String to, java.util.Set<String> from, int status) {
        Order order = orders.get(orderId);
        if (order == null) {
            return problem(404, "no order " + orderId);
        }
        if (!from.contains(order.status)) {
            return problem(409, "order " + orderId + " is " + order.status);
        }
        order.status = to;
        return new Answer(status, "{\"id\":" + orderId + ",\"status\":\"" + to + "\"}");
    }

    private Answer search(String sessionId, String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                params.put(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        String sort = params.getOrDefault("sort", "relevance");
        if (!List.of("relevance", "price_asc", "price_desc", "rating", "newest").contains(sort)) {
            return problem(400, "sort");
        }
        String words = params.getOrDefault("q", "").toLowerCase(java.util.Locale.ROOT);
        Long category = params.containsKey("category") ? Long.valueOf(params.get("category")) : null;
        searches++;
        if (sessionId == null) {
            searchesWithoutSession++;
        }
        List<Product> hits = products.values().stream()
                .filter(product -> product.name().toLowerCase(java.util.Locale.ROOT).contains(words))
                .filter(product -> category == null || inSubtree(product.categoryId(), category))
                .sorted(java.util.Comparator.comparingLong(Product::id))
                .toList();
        StringBuilder items = new StringBuilder();
        hits.stream().limit(20).forEach(product -> items.append(items.length() == 0 ? "" : ",")
                .append("{\"id\":").append(product.id()).append(",\"name\":").append(quote(product.name())).append('}'));
        return new Answer(200, "{\"total\":" + hits.size() + ",\"page\":1,\"size\":20,\"totalPages\":"
                + Math.max(1, (hits.size() + 19) / 20) + ",\"sort\":\"" + sort + "\",\"items\":[" + items
                + "],\"facets\":{}}");
    }

    private boolean inSubtree(long categoryId, long root) {
        for (Long at = categoryId; at != null && at != 0; at = categories.get(at)) {
            if (at == root) {
                return true;
            }
        }
        return false;
    }

    private Answer cartRoute(String method, String path, String idempotencyKey, String sessionId, JsonNode body,
            long userId, String query) {
        Map<Long, CartLine> cart = carts.computeIfAbsent(userId, id -> new LinkedHashMap<>());
        Matcher matcher;
        if (method.equals("POST") && path.equals("/api/cart/items")) {
            Product product = products.get(body.path("productId").asLong());
            int quantity = body.path("quantity").asInt();
            if (product == null) {
                return problem(404, "no product " + body.path("productId"));
            }
            if (quantity <= 0) {
                return problem(400, "quantity");
            }
            String variant = queryParam(query, "rec");
            if (variant != null && !variant.equals("A") && !variant.equals("B")) {
                return problem(400, "'rec' must be \"A\" or \"B\"");
            }
            CartLine line = cart.computeIfAbsent(product.id(), id -> new CartLine(0, product.price()));
            // like the API: the first attribution of a line stays
            line.variant = line.variant != null ? line.variant : variant;
            line.quantity += quantity;
            line.unitPrice = product.price();
            line.saved = false;
            cartAdds++;
            if (sessionId == null) {
                cartAddsWithoutSession++;
            }
            if (priceChangeEvery > 0 && cartAdds % priceChangeEvery == 0) {
                changePrice(product.id(), product.price().add(BigDecimal.ONE));
            }
            return cartAnswer(userId);
        }
        if (method.equals("POST") && (matcher = SAVE_FOR_LATER.matcher(path)).matches()) {
            CartLine line = cart.get(Long.parseLong(matcher.group(1)));
            if (line == null || line.saved) {
                return problem(404, "no such line in the cart");
            }
            line.saved = true;
            savedForLater++;
            return cartAnswer(userId);
        }
        if (method.equals("POST") && (matcher = MOVE_TO_CART.matcher(path)).matches()) {
            CartLine line = cart.get(Long.parseLong(matcher.group(1)));
            if (line == null || !line.saved) {
                return problem(404, "no such saved line");
            }
            line.saved = false;
            movedToCart++;
            return cartAnswer(userId);
        }
        if (method.equals("DELETE") && (matcher = CART_ITEM.matcher(path)).matches()) {
            return cart.remove(Long.parseLong(matcher.group(1))) == null ? problem(404, "no such line")
                    : cartAnswer(userId);
        }
        if (method.equals("POST") && path.equals("/api/cart/refresh-prices")) {
            cart.forEach((productId, line) -> line.unitPrice = products.get(productId).price());
            priceRefreshes++;
            return cartAnswer(userId);
        }
        if (method.equals("POST") && path.equals("/api/cart/quote")) {
            List<Line> lines = cartLines(cart);
            if (lines.isEmpty()) {
                return problem(422, "the cart is empty");
            }
            if (!body.hasNonNull("region") && !body.hasNonNull("shippingAddressId")) {
                return problem(400, "'shippingAddressId' or 'region' is required");
            }
            for (Line line : lines) {
                if (available(line.productId()) < line.quantity()) {
                    stockShortRefusals++;
                    return problem(409, "insufficient-stock", "not enough stock for product " + line.productId());
                }
            }
            quotes++;
            return new Answer(200, "{\"currency\":\"USD\",\"total\":\"" + total(lines).toPlainString() + "\"}");
        }
        if (method.equals("POST") && path.equals("/api/cart/checkout")) {
            return idempotent(idempotencyKey, "cart checkout " + userId, () -> checkoutCart(userId, cart, body));
        }
        return problem(404, "no route " + method + " " + path);
    }

    private Answer checkoutCart(long userId, Map<Long, CartLine> cart, JsonNode body) {
        long addressId = body.path("shippingAddressId").asLong(0);
        if (!addresses.getOrDefault(userId, List.of()).contains(addressId)) {
            return problem(400, "'shippingAddressId' is required: the user has no default shipping address");
        }
        List<Line> lines = cartLines(cart);
        if (lines.isEmpty()) {
            return problem(422, "the cart is empty");
        }
        for (Line line : lines) {
            if (products.get(line.productId()).price().compareTo(line.unitPrice()) != 0) {
                priceChangedRefusals++;
                return problem(409, "price-changed", "the price of product " + line.productId() + " changed");
            }
        }
        Answer answer = place(userId, lines);
        if (answer.status() == 201) {
            Order placed = orders.get(nextId - 1);
            cart.forEach((productId, line) -> {
                if (!line.saved && line.variant != null) {
                    placed.variants.put(productId, line.variant);
                }
            });
            cartCheckouts++;
            cart.values().removeIf(line -> !line.saved);
        }
        return answer;
    }

    private static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static List<Line> cartLines(Map<Long, CartLine> cart) {
        List<Line> lines = new ArrayList<>();
        cart.forEach((productId, line) -> {
            if (!line.saved) {
                lines.add(new Line(productId, line.quantity, line.unitPrice));
            }
        });
        return lines;
    }

    private static BigDecimal total(List<Line> lines) {
        return lines.stream().map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
    }

    private Answer cartAnswer(long userId) {
        int lines = (int) carts.get(userId).values().stream().filter(line -> !line.saved).count();
        return new Answer(200, "{\"userId\":" + userId + ",\"items\":[],\"savedForLater\":[],\"itemCount\":" + lines
                + ",\"subtotal\":\"0.00\",\"pricesChanged\":false}");
    }

    private Answer review(long userId, long productId, JsonNode body) {
        if (!products.containsKey(productId)) {
            return problem(404, "no product " + productId);
        }
        int rating = body.path("rating").asInt();
        text(body, "title");
        text(body, "text");
        if (rating < 1 || rating > 5) {
            return problem(400, "rating");
        }
        List<Order> bought = orders.values().stream()
                .filter(order -> order.userId == userId && REVIEWABLE.contains(order.status))
                .filter(order -> order.lines.stream().anyMatch(line -> line.productId() == productId))
                .toList();
        if (bought.isEmpty()) {
            reviewsRefused++;
            return problem(403, "only a verified purchaser may review product " + productId);
        }
        if (!reviewed.add(userId + "/" + productId)) {
            return problem(409, "already reviewed");
        }
        reviews++;
        if (bought.stream().noneMatch(order -> order.status.equals("DELIVERED"))) {
            reviewsOfUndeliveredOrders++;
        }
        return new Answer(201, "{\"id\":" + nextId++ + ",\"productId\":" + productId + ",\"rating\":" + rating + "}");
    }

    private static Answer problem(int status, String slug, String detail) {
        return new Answer(status, "{\"type\":\"https://streamcart.dev/problems/" + slug + "\",\"title\":\"Conflict\","
                + "\"status\":" + status + ",\"detail\":" + quote(detail) + "}");
    }

    private static Answer created(long id) {
        return new Answer(201, "{\"id\":" + id + "}");
    }

    private static Answer problem(int status, String detail) {
        return new Answer(status, "{\"type\":\"about:blank\",\"title\":\"" + (status == 409 ? "Conflict" : "Error")
                + "\",\"status\":" + status + ",\"detail\":" + quote(detail) + "}");
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value.asText();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
