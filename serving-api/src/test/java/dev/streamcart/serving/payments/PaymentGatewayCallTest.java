package dev.streamcart.serving.payments;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.OrderCommands.expirePayment;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.commands.OrderCommandHandler;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.ForwardingGateway;
import dev.streamcart.serving.testing.Storefront;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A payment asks the provider with no row lock held: while the provider is being called (authorise,
 * capture, void), a second connection can lock the order and its payment at once
 * ({@code FOR UPDATE NOWAIT}). And the short transactions around the calls keep a payment
 * exactly-once: a second payment of the order is refused while one is in flight, an order cancelled
 * or expired meanwhile ends cancelled with its authorisation voided, and a retry after a lost answer
 * asks the provider under the same reference.
 */
class PaymentGatewayCallTest {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final long WAIT_SECONDS = 30;

    /** One call to the provider, and whether another connection could lock the rows meanwhile. */
    private record Call(String kind, String reference, boolean orderLockable, boolean paymentLockable) {}

    /**
     * The simulator, plus a look at the database's locks during every call, an action to run while
     * a call is in flight, and answers to lose (the provider acts, the answer never arrives).
     */
    private static final class ProbingGateway extends ForwardingGateway {

        private final List<Call> calls = new CopyOnWriteArrayList<>();
        /** Per kind of call: run once, with the order's id, while that call is in flight. */
        private final Map<String, LongConsumer> during = new ConcurrentHashMap<>();
        /** Kinds of call whose answers are lost until the test says otherwise. */
        private final Set<String> losing = ConcurrentHashMap.newKeySet();

        ProbingGateway(DataSource database) {
            super(database);
        }

        @Override
        public Authorization authorize(AuthorizationRequest request) {
            inFlight("authorize", request.reference(), request.orderId());
            Authorization answer = super.authorize(request);
            return answered("authorize", answer);
        }

        @Override
        public String capture(CaptureRequest request) {
            inFlight("capture", request.reference(), orderOf(request.authorizationReference()));
            return answered("capture", super.capture(request));
        }

        @Override
        public void voidAuthorization(VoidRequest request) {
            inFlight("void", request.reference(), orderOf(request.authorizationReference()));
            super.voidAuthorization(request);
            answered("void", Boolean.TRUE);
        }

        private void inFlight(String kind, String reference, long orderId) {
            calls.add(new Call(kind, reference,
                    lockable("SELECT id FROM orders WHERE id = ? FOR UPDATE NOWAIT", orderId),
                    lockable("SELECT id FROM payments WHERE order_id = ? FOR UPDATE NOWAIT", orderId)));
            LongConsumer action = during.remove(kind);
            if (action != null) {
                action.accept(orderId);
            }
        }

        private <T> T answered(String kind, T answer) {
            if (losing.contains(kind)) {
                throw new GatewayUnavailableException("the " + kind + " was made but its answer was lost");
            }
            return answer;
        }

        List<Call> calls(String kind) {
            return calls.stream().filter(call -> call.kind().equals(kind)).toList();
        }

        private long orderOf(String authorizationReference) {
            try (Connection connection = database.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT order_id FROM payments WHERE gateway_reference = ?")) {
                select.setString(1, authorizationReference);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new AssertionError("no payment recorded for authorisation " + authorizationReference);
                    }
                    return row.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot find the order of " + authorizationReference, e);
            }
        }
    }

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().gateway(ProbingGateway::new);

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long seller;
    private long product;
    private long user;

    @BeforeEach
    void setUp() {
        seller = shop.seller();
        product = shop.stockedProduct(seller, shop.category(), "15.00", 100);
        user = shop.user();
        gateway().calls.clear();
        gateway().during.clear();
        gateway().losing.clear();
    }

    @Test
    void theProviderAuthorisesAndCapturesWhileTheOrderAndItsPaymentCanBeLockedByOthers() {
        long automatic = pendingOrder(1);
        long manual = pendingOrder(1);

        ApiClient.Response paid = pay(automatic, card(), UUID.randomUUID().toString());
        ApiClient.Response authorised = pay(manual, manualCard(), UUID.randomUUID().toString());
        ApiClient.Response captured = capture(manual);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(authorised.status()).as(authorised.toString()).isEqualTo(201);
        assertThat(captured.status()).as(captured.toString()).isEqualTo(201);
        assertThat(gateway().calls).extracting(Call::kind)
                .containsExactly("authorize", "capture", "authorize", "capture");
        assertThat(gateway().calls).as("no row lock held during any call to the provider")
                .allSatisfy(call -> assertThat(call.orderLockable() && call.paymentLockable()).as(call.toString()).isTrue());
        assertThat(db.orderStatus(automatic)).isEqualTo("PAID");
        assertThat(db.orderStatus(manual)).isEqualTo("PAID");
    }

    @Test
    void theProviderVoidsWhileTheOrderAndItsPaymentCanBeLockedByOthers() {
        long voided = pendingOrder(1);
        long cancelled = pendingOrder(1);
        assertThat(pay(voided, manualCard(), UUID.randomUUID().toString()).status()).isEqualTo(201);
        assertThat(pay(cancelled, manualCard(), UUID.randomUUID().toString()).status()).isEqualTo(201);

        ApiClient.Response voidAnswer = shop.as(user).post("/api/orders/" + voided + "/payments/void", "");
        ApiClient.Response cancelAnswer = shop.as(user).post("/api/orders/" + cancelled + "/cancel", "");

        assertThat(voidAnswer.status()).as(voidAnswer.toString()).isEqualTo(200);
        assertThat(cancelAnswer.status()).as(cancelAnswer.toString()).isEqualTo(200);
        assertThat(gateway().calls("void")).hasSize(2)
                .allSatisfy(call -> assertThat(call.orderLockable() && call.paymentLockable()).as(call.toString()).isTrue());
        for (long orderId : List.of(voided, cancelled)) {
            assertThat(db.orderStatus(orderId)).isEqualTo("CANCELLED");
            assertThat(paymentStatuses(orderId)).containsExactly("VOIDED");
            assertThat(transactionKinds(orderId)).containsExactly("AUTHORIZE", "VOID");
        }
        assertThat(db.reserved(product)).isZero();
    }

    @Test
    void aSecondPaymentOfAnOrderWhileTheFirstIsWithTheProviderIsRefusedAndOnlyOneCaptures() throws Exception {
        long orderId = pendingOrder(2);
        CountDownLatch authorising = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        gateway().during.put("authorize", order -> {
            authorising.countDown();
            await(answer);
        });
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<ApiClient.Response> firstPayment = first.submit(() -> pay(orderId, card(), UUID.randomUUID().toString()));
            await(authorising);

            ApiClient.Response second = pay(orderId, card(), UUID.randomUUID().toString());
            String duplicateState = sqlState("INSERT INTO payments (order_id, method, status, amount, currency)"
                    + " SELECT order_id, method, 'PENDING', amount, currency FROM payments WHERE order_id = " + orderId);
            answer.countDown();
            ApiClient.Response firstAnswer = firstPayment.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(second.status()).as("the first payment's PENDING row blocks a second: " + second).isEqualTo(409);
            assertThat(second.contentType()).startsWith("application/problem+json");
            assertThat(duplicateState).as("a second open payment of the order is refused by the database too")
                    .isEqualTo(UNIQUE_VIOLATION);
            assertThat(firstAnswer.status()).as(firstAnswer.toString()).isEqualTo(201);
        } finally {
            answer.countDown();
            first.shutdownNow();
        }
        assertThat(paymentStatuses(orderId)).containsExactly("CAPTURED");
        assertThat(gateway().calls("authorize")).hasSize(1);
        assertThat(gateway().calls("capture")).hasSize(1);
        assertThat(events(orderId, "ORDER_PAID")).isEqualTo(1);
        assertThat(db.orderStatus(orderId)).isEqualTo("PAID");
    }

    @Test
    void anOrderCancelledWhileTheProviderAuthorisesEndsCancelledWithTheAuthorisationVoided() {
        long orderId = pendingOrder(3);
        String key = UUID.randomUUID().toString();
        AtomicReference<ApiClient.Response> cancel = new AtomicReference<>();
        gateway().during.put("authorize", order -> cancel.set(shop.as(user).post("/api/orders/" + order + "/cancel", "")));

        ApiClient.Response payment = pay(orderId, card(), key);

        assertThat(cancel.get().status()).as("a payment in flight does not hold the order: " + cancel.get()).isEqualTo(200);
        assertThat(payment.status()).as(payment.toString()).isEqualTo(409);
        assertThat(payment.contentType()).startsWith("application/problem+json");
        assertThat(payment.json().path("orderStatus").asText()).isEqualTo("CANCELLED");
        assertCancelledWithItsAuthorisationVoided(orderId, "ORDER_CANCELLED");

        int callsBefore = gateway().calls.size();
        ApiClient.Response retried = pay(orderId, card(), key);
        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.body()).isEqualTo(payment.body());
        assertThat(gateway().calls).as("a completed payment is replayed, the provider not asked").hasSize(callsBefore);
    }

    @Test
    void anOrderExpiredByItsPaymentDeadlineWhileTheProviderAuthorisesEndsCancelledWithTheAuthorisationVoided() {
        long orderId = pendingOrder(2);
        AtomicReference<OrderCommandHandler.Outcome> expiry = new AtomicReference<>();
        gateway().during.put("authorize", order -> expiry.set(SERVER.api().orderCommands().apply(expirePayment(order))));

        ApiClient.Response payment = pay(orderId, manualCard(), UUID.randomUUID().toString());

        assertThat(expiry.get()).isEqualTo(OrderCommandHandler.Outcome.APPLIED);
        assertThat(payment.status()).as(payment.toString()).isEqualTo(409);
        assertThat(payment.json().path("orderStatus").asText()).isEqualTo("CANCELLED");
        assertCancelledWithItsAuthorisationVoided(orderId, "ORDER_EXPIRED");
    }

    @Test
    void anOrderWhosePaymentIsBeingCapturedIsNeitherExpiredNorCancelledAndEndsPaid() {
        long orderId = pendingOrder(1);
        AtomicReference<OrderCommandHandler.Outcome> expiry = new AtomicReference<>();
        AtomicReference<ApiClient.Response> cancel = new AtomicReference<>();
        gateway().during.put("capture", order -> {
            expiry.set(SERVER.api().orderCommands().apply(expirePayment(order)));
            cancel.set(shop.as(user).post("/api/orders/" + order + "/cancel", ""));
        });

        ApiClient.Response payment = pay(orderId, card(), UUID.randomUUID().toString());

        assertThat(payment.status()).as(payment.toString()).isEqualTo(201);
        assertThat(expiry.get()).as("the money may be taken at any moment").isEqualTo(OrderCommandHandler.Outcome.ALREADY_DONE);
        assertThat(cancel.get().status()).as(cancel.get().toString()).isEqualTo(409);
        assertThat(db.orderStatus(orderId)).isEqualTo("PAID");
        assertThat(paymentStatuses(orderId)).containsExactly("CAPTURED");
        assertThat(events(orderId, "ORDER_EXPIRED") + events(orderId, "ORDER_CANCELLED")).isZero();
        assertThat(events(orderId, "ORDER_PAID")).isEqualTo(1);
        assertThat(db.reserved(product)).as("a paid order keeps its stock").isEqualTo(1);
    }

    @Test
    void aRetryAfterTheAuthorisationsAnswerWasLostAsksUnderTheSameReferenceAndChargesOnce() {
        long orderId = pendingOrder(1);
        String key = UUID.randomUUID().toString();
        int authorisedBefore = gateway().provider().authorizationsMade();
        gateway().losing.add("authorize");

        ApiClient.Response lost = pay(orderId, card(), key);

        assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
        assertThat(lost.contentType()).startsWith("application/problem+json");
        assertThat(lost.json().path("retryable").asBoolean()).isTrue();
        assertThat(db.orderStatus(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(db.reserved(product)).isEqualTo(1);

        gateway().losing.clear();
        ApiClient.Response retried = pay(orderId, card(), key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(gateway().calls("authorize")).extracting(Call::reference).hasSizeGreaterThan(1)
                .as("every attempt, the retry's too, carries the same reference").containsOnly("order-" + orderId + "/" + key + ":authorize");
        assertThat(gateway().provider().authorizationsMade() - authorisedBefore).as("the provider authorised once")
                .isEqualTo(1);
        assertThat(gateway().calls("capture")).hasSize(1);
        assertThat(paymentStatuses(orderId)).containsExactly("CAPTURED");
        assertThat(events(orderId, "ORDER_PAID")).isEqualTo(1);
    }

    @Test
    void aRetryAfterTheCapturesAnswerWasLostResumesThePaymentAndAnotherPaymentWaitsForIt() {
        long orderId = pendingOrder(1);
        String key = UUID.randomUUID().toString();
        gateway().losing.add("capture");

        ApiClient.Response lost = pay(orderId, card(), key);

        assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
        assertThat(lost.json().path("retryable").asBoolean()).isTrue();
        assertThat(paymentStatuses(orderId)).as("the money may have been taken").containsExactly("CAPTURING");
        assertThat(db.orderStatus(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(pay(orderId, card(), UUID.randomUUID().toString()).status())
                .as("no second payment while one is being captured").isEqualTo(409);
        assertThat(shop.as(user).post("/api/orders/" + orderId + "/cancel", "").status())
                .as("nor a cancel").isEqualTo(409);

        gateway().losing.clear();
        ApiClient.Response retried = pay(orderId, card(), key);
        int callsAfterRetry = gateway().calls.size();
        ApiClient.Response replayed = pay(orderId, card(), key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.json().path("status").asText()).isEqualTo("PAID");
        assertThat(gateway().calls("authorize")).as("the retry resumed at the capture").hasSize(1);
        assertThat(gateway().calls("capture").stream().map(Call::reference).collect(Collectors.toSet()))
                .as("every capture attempt under one reference").hasSize(1);
        assertThat(transactionKinds(orderId)).containsExactly("AUTHORIZE", "CAPTURE");
        assertThat(replayed.body()).isEqualTo(retried.body());
        assertThat(gateway().calls).hasSize(callsAfterRetry);
        assertThat(events(orderId, "ORDER_PAID")).isEqualTo(1);
    }

    @Test
    void aVoidWhoseAnswerWasLostLeavesTheOrderCancelledAndARetryReleasesTheAuthorisation() {
        long orderId = pendingOrder(2);
        assertThat(pay(orderId, manualCard(), UUID.randomUUID().toString()).status()).isEqualTo(201);
        gateway().losing.add("void");

        ApiClient.Response lost = shop.as(user).post("/api/orders/" + orderId + "/payments/void", "");

        assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
        assertThat(lost.contentType()).startsWith("application/problem+json");
        assertThat(lost.json().path("retryable").asBoolean()).isTrue();
        assertThat(db.orderStatus(orderId)).as("the cancel is committed before the provider is asked").isEqualTo("CANCELLED");
        assertThat(db.reserved(product)).isZero();
        assertThat(paymentStatuses(orderId)).containsExactly("AUTHORIZED");

        gateway().losing.clear();
        ApiClient.Response retried = shop.as(user).post("/api/orders/" + orderId + "/payments/void", "");

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(retried.json().path("paymentStatus").asText()).isEqualTo("VOIDED");
        assertThat(paymentStatuses(orderId)).containsExactly("VOIDED");
        assertThat(transactionKinds(orderId)).containsExactly("AUTHORIZE", "VOID");
        long paymentId = (Long) db.single("SELECT id FROM payments WHERE order_id = ?", orderId).get("id");
        assertThat(gateway().calls("void")).extracting(Call::reference).hasSizeGreaterThan(1)
                .containsOnly("payment-" + paymentId + ":void");
        assertThat(events(orderId, "ORDER_CANCELLED")).isEqualTo(1);
    }

    @Test
    void theReconcilerFinishesACaptureNobodyRetriedAndVoidsAnAuthorisationACancelCouldNot() {
        long capturing = pendingOrder(1);
        gateway().losing.add("capture");
        assertThat(pay(capturing, card(), UUID.randomUUID().toString()).status()).isEqualTo(503);
        long cancelled = pendingOrder(1);
        assertThat(pay(cancelled, manualCard(), UUID.randomUUID().toString()).status()).isEqualTo(201);
        gateway().losing.add("void");
        assertThat(shop.as(user).post("/api/orders/" + cancelled + "/cancel", "").status())
                .as("the cancel stands without the provider's answer").isEqualTo(200);
        gateway().losing.clear();
        assertThat(SERVER.api().paymentReconciler().reconcile(Duration.ofHours(1)))
                .as("nothing is taken from a request that may still finish it").isZero();
        assertThat(paymentStatuses(capturing)).containsExactly("CAPTURING");
        assertThat(paymentStatuses(cancelled)).containsExactly("AUTHORIZED");

        int settled = SERVER.api().paymentReconciler().reconcile(Duration.ZERO);

        assertThat(settled).isEqualTo(2);
        assertThat(db.orderStatus(capturing)).isEqualTo("PAID");
        assertThat(paymentStatuses(capturing)).containsExactly("CAPTURED");
        assertThat(events(capturing, "ORDER_PAID")).isEqualTo(1);
        assertThat(gateway().calls("capture").stream().map(Call::reference).collect(Collectors.toSet()))
                .as("the reconciler captured under the request's reference").hasSize(1);
        assertThat(db.orderStatus(cancelled)).isEqualTo("CANCELLED");
        assertThat(paymentStatuses(cancelled)).containsExactly("VOIDED");
        assertThat(transactionKinds(cancelled)).containsExactly("AUTHORIZE", "VOID");
        assertThat(SERVER.api().paymentReconciler().reconcile(Duration.ZERO)).as("nothing left").isZero();
    }

    private void assertCancelledWithItsAuthorisationVoided(long orderId, String cancelEvent) {
        assertThat(db.orderStatus(orderId)).isEqualTo("CANCELLED");
        assertThat(paymentStatuses(orderId)).containsExactly("VOIDED");
        assertThat(transactionKinds(orderId)).containsExactly("AUTHORIZE", "VOID");
        assertThat(gateway().calls("capture")).as("nothing captured").isEmpty();
        long paymentId = (Long) db.single("SELECT id FROM payments WHERE order_id = ?", orderId).get("id");
        assertThat(gateway().calls("void")).extracting(Call::reference).containsExactly("payment-" + paymentId + ":void");
        assertThat(db.reserved(product)).as("the cancel released the stock").isZero();
        assertThat(events(orderId, cancelEvent)).isEqualTo(1);
        assertThat(events(orderId, "ORDER_PAID") + events(orderId, "PAYMENT_FAILED")).isZero();
    }

    private static ProbingGateway gateway() {
        return SERVER.gateway(ProbingGateway.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("waited " + WAIT_SECONDS + " s in vain");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The SQLSTATE the statement fails with, or null when it succeeds (then it is rolled back). */
    private static @Nullable String sqlState(String sql) {
        try (Connection connection = SERVER.database().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
                return null;
            } catch (SQLException e) {
                return e.getSQLState();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private long pendingOrder(int quantity) {
        return shop.placedOrder(user, product, quantity);
    }

    private ApiClient.Response pay(long orderId, Map<String, Object> body, String key) {
        return shop.postPayment(orderId, body, key);
    }

    private ApiClient.Response capture(long orderId) {
        return shop.asSeller(seller).post("/api/orders/" + orderId + "/payments/capture", "");
    }

    private static Map<String, Object> card() {
        return json("method", "card", "cardNumber", GOOD_CARD);
    }

    private static Map<String, Object> manualCard() {
        return json("method", "card", "cardNumber", GOOD_CARD, "capture", "manual");
    }

    private List<Object> paymentStatuses(long orderId) {
        return db.rows("SELECT status FROM payments WHERE order_id = ? ORDER BY id", orderId).stream()
                .map(row -> row.get("status")).toList();
    }

    private List<Object> transactionKinds(long orderId) {
        return db.rows("SELECT t.kind FROM payment_transactions t JOIN payments p ON p.id = t.payment_id"
                + " WHERE p.order_id = ? ORDER BY t.id", orderId).stream().map(row -> row.get("kind")).toList();
    }

    private long events(long orderId, String type) {
        return db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = ?", Long.toString(orderId), type);
    }
}
