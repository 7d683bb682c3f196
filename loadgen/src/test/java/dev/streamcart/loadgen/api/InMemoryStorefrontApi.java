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

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test double of OUR storefront API (issue 2's endpoint list), in memory, on the JDK's HTTP
 * server bound to a free 127.0.0.1 port. It keeps just enough state to behave like the real one
 * for the simulator: unique e-mails and SKUs, stock reserved at checkout (409 when short),
 * idempotent checkout and payment keyed by Idempotency-Key, the documented test cards, and
 * problem+json errors. It also counts what it saw so tests can compare with the simulator.
 */
public final class InMemoryStorefrontApi implements AutoCloseable {

    static {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Pattern PRODUCT = Pattern.compile("/api/products/(\\d+)");
    private static final Pattern STOCK = Pattern.compile("/api/stock/(\\d+)");
    private static final Pattern PAYMENT = Pattern.compile("/api/orders/(\\d+)/payments");
    private static final Pattern CANCEL = Pattern.compile("/api/orders/(\\d+)/cancel");

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    private long nextId = 1;
    private final Map<String, Long> sellerEmails = new HashMap<>();
    private final Map<Long, Long> categories = new HashMap<>();
    private final Map<Long, Product> products = new HashMap<>();
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

    private record Product(long id, long sellerId, long categoryId, String name, BigDecimal price) {}

    private record Line(long productId, int quantity, BigDecimal unitPrice) {}

    private static final class Order {
        final long id;
        final List<Line> lines;
        final Map<Long, Map<Long, Integer>> reservations;
        String status = "PENDING_PAYMENT";

        Order(long id, List<Line> lines, Map<Long, Map<Long, Integer>> reservations) {
            this.id = id;
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
                        exchange.getRequestHeaders().getFirst("X-Session-Id"), readBody(exchange));
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

    private synchronized Answer route(String method, String path, String idempotencyKey, String sessionId,
            JsonNode body) {
        Matcher matcher;
        if (method.equals("GET") && path.equals("/health")) {
            return new Answer(200, "{\"status\":\"UP\",\"components\":{}}");
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
        orders.put(id, new Order(id, lines, reservations));
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
