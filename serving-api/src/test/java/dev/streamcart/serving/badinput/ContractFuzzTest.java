package dev.streamcart.serving.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger UNSENDABLE = new AtomicInteger();
    private static final long STARTED = System.nanoTime();

    private static FixtureClient client;
    private static DatabaseFingerprint fingerprint;
    private static Db db;
    /** The fingerprint as of the last request; null once something may have been written since. */
    private static @Nullable Map<String, String> known;
    /** PostgreSQL's write-ahead log position when {@link #known} was taken: while it stays, nothing was written. */
    private static String knownAt = "";

    @BeforeAll
    static void createFixture() {
        new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
        client = new FixtureClient(SERVER.client().baseUrl(), StoreFixture.create(SERVER));
        fingerprint = new DatabaseFingerprint(SERVER.database());
        db = new Db(SERVER.database());
    }

    @AfterAll
    static void report() {
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
        Caller caller = callerFor(operation, valid);
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
        if (request.pathAndQuery().contains("@freshAddress")) {
            known = null; // resolving it adds an address
        }
        String path = client.resolve(request.pathAndQuery(), caller);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < request.headers().size(); i += 2) {
            headers.add(request.headers().get(i));
            headers.add(client.resolve(request.headers().get(i + 1), caller));
        }
        byte[] body = request.binary() != null ? request.binary()
                : request.body() != null ? client.fillJson(request.body()).getBytes(StandardCharsets.UTF_8) : null;
        if (operation.writes() && known == null) {
            knownAt = walPosition();
            known = fingerprint.take();
        }
        Answer answer;
        try {
            answer = client.send(caller, operation.method(), path, body, request.contentType(), headers);
        } catch (IllegalArgumentException e) {
            UNSENDABLE.incrementAndGet(); // a header value with CR, LF or NUL: the JDK client will not send it
            return null;
        } catch (UncheckedIOException e) {
            SENT.incrementAndGet();
            known = null;
            return "no answer: " + e.getCause();
        }
        SENT.incrementAndGet();
        if (answer.status() == 503 && answer.isProblem() && WITHOUT_THEIR_PART.contains(operation.toString())) {
            return null;
        }
        if (answer.status() >= 500) {
            known = null;
            return answer.toString();
        }
        boolean refused = answer.status() >= 400 && !RECORDED_OUTCOMES.contains(answer.status());
        if (answer.status() >= 400 && !answer.isProblem()) {
            return "a refusal that is no problem document: " + answer;
        }
        if (!operation.writes()) {
            return null;
        }
        if (!refused) {
            // accepted: let the notifications it queued be dispatched before the next fingerprint
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> db.count("SELECT count(*) FROM notifications WHERE delivered_at IS NULL") == 0);
            known = null;
            return null;
        }
        Map<String, String> before = Objects.requireNonNull(known, "taken before a write");
        String position = walPosition();
        if (position.equals(knownAt)) {
            return null; // PostgreSQL logged nothing since the fingerprint: no row can have changed
        }
        Map<String, String> after = fingerprint.take();
        knownAt = position;
        known = after;
        if (!after.equals(before)) {
            List<String> changed = after.keySet().stream().filter(table -> !after.get(table).equals(before.get(table))).toList();
            return "refused with " + answer.status() + " but changed " + changed + ": " + answer;
        }
        return null;
    }

    /**
     * The end of PostgreSQL's write-ahead log: any change of a row moves it (so do other writes, a
     * rolled-back insert or a sequence, which only cost a full fingerprint). Comparing it first
     * spares the fingerprint of every table after most refused requests.
     */
    private static String walPosition() {
        return String.valueOf(db.single("SELECT pg_current_wal_insert_lsn()::text AS position").get("position"));
    }

    /**
     * Who sends an operation's mutations: the admin on public routes (an admin's token reaches
     * branches an anonymous caller does not, such as X-User-Id), else the first of the customer, the
     * seller and the admin the document lets through, so the owner of the fixture's rows.
     */
    private static Caller callerFor(DocumentedOperation operation, ValidRequest valid) {
        if (operation.isPublic()) {
            return Caller.ADMIN;
        }
        for (Caller caller : List.of(Caller.CUSTOMER, Caller.SELLER, Caller.ADMIN)) {
            if (ExpectedAccess.of(operation, caller, StoreFixture.namedBy(valid.pathAndQuery())).allowed()) {
                return caller;
            }
        }
        throw new IllegalStateException("the document lets nobody call " + operation);
    }
}
