package dev.streamcart.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a small HTTP server that records what it was sent and answers as serving-api
 * does: JSON, and problem+json for errors.
 */
class ApiClientTest {

    private static final String PRICE_CHANGED = "{\"type\":\"https://streamcart.dev/problems/price-changed\","
            + "\"title\":\"Price changed\",\"status\":409,\"detail\":\"the price of product 7 changed\"}";

    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String path = exchange.getRequestURI().getPath();
            int status;
            String body;
            String type = "application/json";
            if (path.equals("/api/auth/login")) {
                status = bodies.get(bodies.size() - 1).contains("right-password") ? 200 : 401;
                body = status == 200 ? "{\"token\":\"t-1\"}" : "{\"title\":\"Unauthorized\",\"status\":401}";
            } else if (path.equals("/api/cart/checkout")) {
                status = 409;
                body = PRICE_CHANGED;
                type = "application/problem+json";
            } else {
                status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
                body = "{\"id\":42,\"price\":19.99}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aSessionCallsWithItsBearerTokenAndTheAnonymousClientWithout() {
        ApiClient anonymous = new ApiClient(baseUrl);
        ApiClient signedIn = anonymous.login("ava@example.com", "right-password");

        signedIn.get("/api/cart", "X-Session-Id", "s-1");
        signedIn.anonymous().get("/health");

        assertThat(signedIn.bearerToken()).isEqualTo("t-1");
        assertThat(received.get(1).getFirst("Authorization")).isEqualTo("Bearer t-1");
        assertThat(received.get(1).getFirst("X-Session-Id")).isEqualTo("s-1");
        assertThat(received.get(2).containsKey("Authorization")).isFalse();
    }

    @Test
    void aRefusedLoginIsAProblemWithItsStatusAndTitle() {
        assertThatThrownBy(() -> new ApiClient(baseUrl).login("ava@example.com", "wrong"))
                .isInstanceOfSatisfying(ApiProblemException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(401);
                    assertThat(refused.title()).isEqualTo("Unauthorized");
                    assertThat(refused.type()).isEqualTo("about:blank");
                    assertThat(refused.path()).isEqualTo("/api/auth/login");
                });
    }

    @Test
    void anErrorAnswerIsReturnedAsItCameAndReadsAsAProblem() {
        ApiClient.Response answer = new ApiClient(baseUrl).post("/api/cart/checkout", Map.of("region", "EU"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.problem().is("price-changed")).isTrue();
        assertThat(answer.problem().explanation("")).isEqualTo("the price of product 7 changed");
        assertThatThrownBy(() -> answer.expect(201, "checkout")).isInstanceOfSatisfying(ApiProblemException.class,
                problem -> assertThat(problem.type()).isEqualTo("https://streamcart.dev/problems/price-changed"));
        assertThatThrownBy(() -> new ApiClient(baseUrl).create("/api/cart/checkout", Map.of()))
                .isInstanceOf(ApiProblemException.class).hasMessageContaining("answered 409");
    }

    @Test
    void bodiesGoAsJsonExceptStringsWhichGoAsTheyAre() {
        ApiClient api = new ApiClient(baseUrl);

        long id = api.create("/api/products", ApiClient.json("name", "Lamp", "price", "19.99"));
        api.post("/api/raw", "{not json");
        api.post("/api/orders/1/cancel", null);

        assertThat(id).isEqualTo(42);
        assertThat(bodies).containsExactly("{\"name\":\"Lamp\",\"price\":\"19.99\"}", "{not json", "");
        assertThat(received.get(2).containsKey("Content-Type")).isFalse();
    }

    @Test
    void moneyReadsExactlyWhenAsked() {
        ApiClient.Response answer = new ApiClient(baseUrl).get("/api/products/42");

        assertThat(answer.exactJson().path("price").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(answer.exactJson().path("price").isBigDecimal()).isTrue();
        assertThat(answer.id()).isEqualTo(42);
    }

    @Test
    void freshIdempotencyKeysGoOnPostsThatCarryNone() {
        ApiClient api = ApiClient.builder(baseUrl).httpVersion(HttpClient.Version.HTTP_1_1).freshIdempotencyKeys().build();

        api.post("/api/orders", Map.of());
        api.post("/api/orders", Map.of());
        api.post("/api/orders", Map.of(), "Idempotency-Key", "mine");
        api.get("/api/orders/1");

        assertThat(received.get(0).getFirst("Idempotency-Key")).isNotBlank()
                .isNotEqualTo(received.get(1).getFirst("Idempotency-Key"));
        assertThat(received.get(2).get("Idempotency-Key")).containsExactly("mine");
        assertThat(received.get(3).containsKey("Idempotency-Key")).isFalse();
    }

    @Test
    void noAnswerAtAllIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> new ApiClient("http://127.0.0.1:" + closedPort).get("/health"))
                .isInstanceOf(ApiUnreachableException.class).hasMessageContaining("GET /health got no answer");
    }

    @Test
    void aRequestWhoseConnectionClosedBeforeAnyAnswerIsSentAgainWhenAsked() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread closesFirstConnection = new Thread(() -> {
                try {
                    try (Socket first = socket.accept()) {
                        readRequestHead(first);
                    }
                    try (Socket second = socket.accept()) {
                        readRequestHead(second);
                        second.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            closesFirstConnection.start();
            ApiClient api = ApiClient.builder("http://127.0.0.1:" + socket.getLocalPort())
                    .httpVersion(HttpClient.Version.HTTP_1_1).retryWhenClosedBeforeAnswer().build();

            assertThat(api.get("/health").status()).isEqualTo(200);
            closesFirstConnection.join();
        }
    }

    private static void readRequestHead(Socket connection) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        do {
            line = reader.readLine();
        } while (line != null && !line.isEmpty());
    }
}
