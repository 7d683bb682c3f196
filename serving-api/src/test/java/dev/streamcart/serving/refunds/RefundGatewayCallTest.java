package dev.streamcart.serving.refunds;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.payments.GatewayUnavailableException;
import dev.streamcart.serving.payments.RefundRequest;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.ForwardingGateway;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refund asks the payment provider with no row lock held: while the provider is being called, a
 * second connection can lock the order and its payment at once ({@code FOR UPDATE NOWAIT}). And the
 * two transactions around the call keep the refund exactly-once when the provider refuses or its
 * answer is lost.
 */
class RefundGatewayCallTest {

    /** What the provider does with the next refund. */
    private enum Behaviour { ANSWER, REFUSE, LOSE_THE_ANSWER }

    /** Whether another connection could lock the rows while the provider was being asked. */
    private record LockProbe(boolean orderLockable, boolean paymentLockable) {}

    /** The simulator, plus a look at the database's locks during every refund call. */
    private static final class ProbingGateway extends ForwardingGateway {

        private final List<LockProbe> probes = new CopyOnWriteArrayList<>();
        private final List<String> answers = new CopyOnWriteArrayList<>();
        private final AtomicReference<Behaviour> next = new AtomicReference<>(Behaviour.ANSWER);

        ProbingGateway(DataSource database) {
            super(database);
        }

        @Override
        public String refund(RefundRequest request) {
            probes.add(new LockProbe(
                    lockable("SELECT o.id FROM orders o JOIN payments p ON p.order_id = o.id"
                            + " WHERE p.gateway_reference = ? FOR UPDATE OF o NOWAIT", request.paymentReference()),
                    lockable("SELECT id FROM payments WHERE gateway_reference = ? FOR UPDATE NOWAIT",
                            request.paymentReference())));
            Behaviour behaviour = next.getAndSet(Behaviour.ANSWER);
            if (behaviour == Behaviour.REFUSE) {
                throw new IllegalStateException("refused by the provider");
            }
            String answer = super.refund(request);
            answers.add(answer);
            if (behaviour == Behaviour.LOSE_THE_ANSWER) {
                throw new GatewayUnavailableException("the refund was made but its answer was lost");
            }
            return answer;
        }
    }

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().gateway(ProbingGateway::new);

    private final Storefront shop = SERVER.storefront();
    private final ApiClient admin = shop.admin();
    private final Db db = SERVER.db();
    private long product;
    private long user;

    @BeforeEach
    void setUp() {
        product = shop.stockedProduct("10.00", 20);
        user = shop.user();
        gateway().probes.clear();
        gateway().answers.clear();
        gateway().next.set(Behaviour.ANSWER);
    }

    @Test
    void theProviderIsAskedWhileTheOrderAndItsPaymentCanBeLockedByOthers() {
        long orderId = paidOrder();
        String key = UUID.randomUUID().toString();

        ApiClient.Response refunded = refund(orderId, json("amount", "5.00", "reason", "damaged"), key);
        ApiClient.Response retried = refund(orderId, json("amount", "5.00", "reason", "damaged"), key);

        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(201);
        assertThat(gateway().probes).as("no row lock held during the provider's call")
                .containsExactly(new LockProbe(true, true));
        assertThat(retried.body()).isEqualTo(refunded.body());
        assertThat(gateway().probes).as("a retry of a completed refund does not ask the provider again").hasSize(1);
        assertThat(db.single("SELECT status, gateway_reference FROM refunds WHERE order_id = ?", orderId))
                .containsEntry("status", "COMPLETED").containsEntry("gateway_reference", gateway().answers.get(0));
        assertThat(db.orderStatus(orderId)).isEqualTo("PARTIALLY_REFUNDED");
    }

    @Test
    void aRefundTheProviderRefusesLeavesNothingBehindAndItsKeyFree() {
        long orderId = paidOrder();
        String key = UUID.randomUUID().toString();
        Map<String, Object> stockBefore = stock();
        gateway().next.set(Behaviour.REFUSE);

        ApiClient.Response refused = refund(orderId, json("items", List.of(json("productId", product, "quantity", 1)),
                "reason", "damaged"), key);

        assertThat(refused.status()).as(refused.toString()).isGreaterThanOrEqualTo(500);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(db.count("SELECT count(*) FROM refunds WHERE order_id = ?", orderId)).isZero();
        assertThat(db.count("SELECT count(*) FROM refund_requested_items")).isZero();
        assertThat(stock()).isEqualTo(stockBefore);
        assertThat(db.orderStatus(orderId)).isEqualTo("PAID");

        ApiClient.Response retried = refund(orderId, json("items", List.of(json("productId", product, "quantity", 1)),
                "reason", "damaged"), key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(db.count("SELECT count(*) FROM refunds WHERE order_id = ? AND status = 'COMPLETED'", orderId)).isEqualTo(1);
    }

    @Test
    void aRefundWhoseAnswerWasLostStaysPendingReservesItsAmountAndARetryCompletesIt() {
        long orderId = paidOrder();
        BigDecimal captured = (BigDecimal) db.single("SELECT amount FROM payments WHERE order_id = ?", orderId).get("amount");
        String key = UUID.randomUUID().toString();
        gateway().next.set(Behaviour.LOSE_THE_ANSWER);

        ApiClient.Response lost = refund(orderId, json("amount", "5.00", "reason", "late"), key);

        assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
        assertThat(lost.contentType()).startsWith("application/problem+json");
        assertThat(db.single("SELECT status FROM refunds WHERE order_id = ?", orderId)).containsEntry("status", "PENDING");

        // the pending 5.00 is spoken for: "everything else" is the capture less those 5.00
        ApiClient.Response rest = refund(orderId, json("reason", "rest"), UUID.randomUUID().toString());
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(new BigDecimal(rest.json().path("amount").asText())).isEqualByComparingTo(captured.subtract(new BigDecimal("5.00")));
        assertThat(db.orderStatus(orderId)).isEqualTo("PARTIALLY_REFUNDED");

        ApiClient.Response completed = refund(orderId, json("amount", "5.00", "reason", "late"), key);

        assertThat(completed.status()).as(completed.toString()).isEqualTo(201);
        assertThat(db.single("SELECT status, gateway_reference FROM refunds WHERE order_id = ? AND idempotency_key = ?",
                orderId, key))
                .as("the provider answered the retry with the refund it had made")
                .containsEntry("status", "COMPLETED").containsEntry("gateway_reference", gateway().answers.get(0));
        assertThat((BigDecimal) db.single("SELECT SUM(amount) AS total FROM refunds WHERE order_id = ?", orderId).get("total"))
                .isEqualByComparingTo(captured);
        assertThat(db.orderStatus(orderId)).isEqualTo("REFUNDED");
    }

    private static ProbingGateway gateway() {
        return SERVER.gateway(ProbingGateway.class);
    }

    private long paidOrder() {
        return shop.paidOrder(user, product, 2);
    }

    private ApiClient.Response refund(long orderId, Object body, String key) {
        return admin.post("/api/orders/" + orderId + "/refunds", body, "Idempotency-Key", key);
    }

    private Map<String, Object> stock() {
        return db.single("SELECT quantity, reserved_quantity FROM inventory WHERE product_id = ?", product);
    }
}
