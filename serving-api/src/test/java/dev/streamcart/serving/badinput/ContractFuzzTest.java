package dev.streamcart.serving.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.streamcart.serving.analytics.ClickHouseFixture;
import dev.streamcart.serving.badinput.BadInput.Caller;
import dev.streamcart.serving.badinput.FixtureClient.Answer;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzing from the contract: for every operation of {@code openapi.yaml}, the {@link Mutations} of
 * its parameters and body, sent as a caller the document lets through (the owner, or the admin on
 * public and admin routes), so they reach the handler rather than the role check. Whatever comes
 * back must not be a 5xx; a 4xx must be an {@code application/problem+json} document; and a refused
 * request that could change state (any method but GET) must have changed no row of any table
 * ({@link DatabaseFingerprint}, taken only around those, and only when PostgreSQL's write-ahead log
 * moved since the last one).
 *
 * <p>The analytics routes run against a real ClickHouse with the schema applied, so their
 * parameters reach real queries. The stock and order views need Kafka Streams, which this test does
 * not start; those routes answer from what is there, or their documented 503.
 */
class ContractFuzzTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().clickHouse();

    /**
     * Routes whose part this test does not start (order-streams' query endpoints): they answer the
     * 503 the document declares for them, a problem saying the views are disabled.
     */
    private static final Set<String> WITHOUT_THEIR_PART = Set.of("GET /api/users/{id}/orders");
    /**
     * 4xx answers that are outcomes the API records, not refusals of the request: a payment blocked
     * by the fraud checks (402) fails the order and releases its stock, as documented.
     */
    private static final Set<Integer> RECORDED_OUTCOMES = Set.of(402);
    /** The API's limit on a JSON body ({@code ServingApi}'s maxRequestSize); photos may have 5 MiB. */
    private static final int SMALLEST_BODY_LIMIT = 1_000_000;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger UNSENDABLE = new AtomicInteger();
    private static final long STARTED = System.nanoTime();

    private static FixtureClient client;
    private static DatabaseFingerprint fingerprint;
    private static Db db;

    @BeforeAll
    static void createFixture() {
        new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
        client = new FixtureClient(SERVER.client().baseUrl(), StoreFixture.create(SERVER));
        fingerprint = new DatabaseFingerprint(SERVER.database());
        db = new Db(SERVER.database());
    }

    @AfterAll
    static void report() throws SQLException {
        fingerprint.close();
        System.out.printf("ContractFuzzTest: %d requests sent (%d more the HTTP client refused to send), %d s%n",
                SENT.get(), UNSENDABLE.get(), Duration.ofNanos(System.nanoTime() - STARTED).toSeconds());
    }

    static Stream<DocumentedOperation> operations() {
        return OperationOrder.sorted(DocumentedOperations.load()).stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("operations")
    void noMutationGetsA5xxOrAnAnswerThatIsNoProblemAndNoRefusalChangesAnything(DocumentedOperation operation) {
        ValidRequest valid = ValidRequests.of(operation);
        Caller caller = ExpectedAccess.owner(operation, valid);
        List<String> failures = new ArrayList<>();
        List<FuzzRequest> requests = Mutations.of(operation, valid);
        for (FuzzRequest request : requests) {
            String failure = check(operation, caller, request);
            if (failure != null) {
                failures.add(request + " -> " + failure);
            }
        }
        assertThat(requests).isNotEmpty();
        assertThat(failures).as(operation + " as " + ExpectedAccess.describe(caller)).isEmpty();
    }

    /** What is wrong with the answer to one request; null when nothing is. */
    private static @Nullable String check(DocumentedOperation operation, Caller caller, FuzzRequest request) {
        String path = client.resolve(request.pathAndQuery(), caller);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < request.headers().size(); i += 2) {
            headers.add(request.headers().get(i));
            headers.add(client.resolve(request.headers().get(i + 1), caller));
        }
        byte[] body = request.binary() != null ? request.binary()
                : request.body() != null ? client.fillJson(request.body()).getBytes(StandardCharsets.UTF_8) : null;
        DatabaseFingerprint.@Nullable Mark before = operation.writes() ? fingerprint.mark() : null;
        Answer answer;
        try {
            answer = client.send(caller, operation.method(), path, body, request.contentType(), headers);
        } catch (IllegalArgumentException e) {
            UNSENDABLE.incrementAndGet(); // a header value with CR, LF or NUL: the JDK client will not send it
            return null;
        } catch (UncheckedIOException e) {
            SENT.incrementAndGet();
            if (body == null || body.length <= SMALLEST_BODY_LIMIT) {
                return "no answer: " + e.getCause();
            }
            // refused from its Content-Length, and the connection closed while the body was still being
            // sent (RFC 9110 lets a server do that): the client saw the close instead of the 413
            List<String> changed = before == null ? List.of() : fingerprint.changedSince(before);
            return changed.isEmpty() ? null : "a body over the limit changed " + changed;
        }
        SENT.incrementAndGet();
        if (answer.status() == 503 && answer.isProblem() && WITHOUT_THEIR_PART.contains(operation.toString())) {
            return null;
        }
        if (answer.status() >= 500) {
            return answer.toString();
        }
        boolean refused = answer.status() >= 400 && !RECORDED_OUTCOMES.contains(answer.status());
        if (answer.status() >= 400 && !answer.isProblem()) {
            return "a refusal that is no problem document: " + answer;
        }
        if (before == null) {
            return null;
        }
        if (!refused) {
            // accepted: let the notifications it queued be dispatched before the next fingerprint
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> db.count("SELECT count(*) FROM notifications WHERE delivered_at IS NULL") == 0);
            return null;
        }
        List<String> changed = fingerprint.changedSince(before);
        return changed.isEmpty() ? null : "refused with " + answer.status() + " but changed " + changed + ": " + answer;
    }
}
