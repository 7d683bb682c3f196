package dev.streamcart.serving.payments;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.idempotency.StoredResponse;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.notifications.NotificationKind;
import dev.streamcart.serving.notifications.Notifications;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderCancellation;
import dev.streamcart.serving.orders.OrderEventRecords;
import dev.streamcart.serving.orders.OrderEvents;
import dev.streamcart.serving.orders.OrderRepository;
import dev.streamcart.serving.payments.PaymentRecords.OpenAuthorization;
import dev.streamcart.serving.payments.PaymentRecords.StoredPayment;
import dev.streamcart.serving.payments.risk.RiskAssessment;
import dev.streamcart.serving.payments.risk.RiskReason;
import dev.streamcart.serving.payments.risk.RiskScorer;
import dev.streamcart.serving.payments.risk.RiskSignalCollector;
import dev.streamcart.serving.payments.risk.RiskSignals;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays an order awaiting payment: risk score first, then authorise, then (by default) capture; and
 * captures or voids an authorisation later. The payment provider may take seconds to answer (with
 * the retries of {@link GatewayRetry}), so no provider call is made while a transaction is open:
 * every step is a short transaction that locks the order row, and the provider is called between
 * them. Every cancel, expiry, shipment or refund of the order, and every pooled connection, would
 * otherwise wait for the provider.
 * <ol>
 *   <li><b>Claim</b> (order locked): the order must await payment and have no other payment in
 *       progress; the risk score is computed; the payment row is recorded {@code PENDING} with the
 *       request's {@code Idempotency-Key}. A second payment of the order is refused from here on
 *       (and a unique index refuses it whatever the checks). A risk block is final here: the payment
 *       is FAILED, the stock released, the order PAYMENT_FAILED, and the provider never asked.</li>
 *   <li><b>Authorise</b>, no transaction open, under {@code order-<id>/<key>:authorize}.</li>
 *   <li><b>Record the authorisation</b> (order locked): {@code AUTHORIZED} for a manual capture;
 *       {@code CAPTURING} for an automatic one, from which point the order can no longer be
 *       cancelled or expired (the money may be taken at any moment). If the order was cancelled or
 *       expired meanwhile, the authorisation is recorded and voided at the provider.</li>
 *   <li><b>Capture</b>, no transaction open, under {@code payment-<id>:capture}.</li>
 *   <li><b>Complete</b> in the transaction that stores the idempotent response: a decline fails the
 *       order (stock released, PAYMENT_FAILED) if it still awaits payment; a capture makes it PAID
 *       (outbox ORDER_PAID). The answer is built from the rows, so a retry whose stored response
 *       has expired answers the same.</li>
 * </ol>
 *
 * <p>A retry with the same key finds its payment and resumes it with the same references, so the
 * provider, which deduplicates on them, acts at most once. When no authorisation attempt answers,
 * the pending payment is forgotten (503; nothing is known to be authorised, and a retry asks
 * under the same reference); when no capture attempt answers, the payment stays {@code CAPTURING}
 * (503; the money may have been taken, so another payment of the order is refused until a retry
 * with the key, the seller's capture or {@link #reconcile} completes it).
 *
 * <p>An authorisation left open on an order that no longer awaits payment (cancelled, expired, or
 * voided while the provider did not answer) is voided after the cancelling transaction commits
 * ({@link #voidLeftOver}); one whose void got no answer is voided by {@link #reconcile} later.
 */
public final class OrderPayments implements OrderCancellation.AuthorizationVoiding {

    public static final String FRAUD_RISK = "fraud_risk";
    public static final String PAYMENT_VOIDED = "payment_voided";

    private static final Logger LOG = LoggerFactory.getLogger(OrderPayments.class);
    /** Payments one reconciliation pass settles at most, of each kind; the next pass takes the rest. */
    private static final int RECONCILE_BATCH = 100;

    /** A payment as one step left it, with the status its order had under the same lock. */
    private record Progress(OrderStatus orderStatus, StoredPayment payment) {

        Progress {
            Objects.requireNonNull(orderStatus, "orderStatus");
            Objects.requireNonNull(payment, "payment");
        }

        boolean payable() {
            return orderStatus == OrderStatus.PENDING_PAYMENT;
        }

        boolean is(String status) {
            return payment.status().equals(status);
        }
    }

    /** What the provider answered, for the completing transaction to record. */
    private sealed interface GatewayAnswer {

        record Declined(String reference, String gatewayReference, DeclineReason reason, int attempts)
                implements GatewayAnswer {}

        record Captured(String reference, String gatewayReference, int attempts) implements GatewayAnswer {}

        record Voided(String reference, int attempts) implements GatewayAnswer {}
    }

    private final Transactions transactions;
    private final IdempotentRequests idempotent;
    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OrderEvents events;
    private final PaymentGateway gateway;
    private final GatewayRetry retry;
    private final CardFingerprints fingerprints;
    private final RiskSignalCollector signals;
    private final RiskScorer scorer;

    public OrderPayments(Transactions transactions, IdempotentRequests idempotent, OrderRepository orders,
                         StockReservations reservations, OrderEvents events, PaymentGateway gateway,
                         GatewayRetry retry, CardFingerprints fingerprints, RiskSignalCollector signals,
                         RiskScorer scorer) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.idempotent = Objects.requireNonNull(idempotent, "idempotent");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.events = Objects.requireNonNull(events, "events");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

    /**
     * Pays the order at most once per key on {@code endpoint}; {@code respond} turns the outcome
     * into the response that retries replay.
     */
    public StoredResponse pay(PayOrder request, IdempotencyKey key, String endpoint, String requestHash,
                              Function<PaymentOutcome, StoredResponse> respond) {
        Progress claimed = transactions.inTransaction(connection -> claim(connection, request, key, requestHash));
        GatewayAnswer answer = proceed(request, key, claimed);
        long paymentId = claimed.payment().id();
        return idempotent.execute(key, endpoint, requestHash,
                connection -> respond.apply(complete(connection, request.orderId(), paymentId, answer)));
    }

    /** First transaction: the payment of this key, or a new one claimed as PENDING (or FAILED by the risk score). */
    private Progress claim(Connection connection, PayOrder request, IdempotencyKey key, String requestHash)
            throws SQLException {
        Order order = orders.lockForUpdate(connection, request.orderId())
                .orElseThrow(() -> DomainException.notFound("order", request.orderId()));
        Optional<StoredPayment> earlier = PaymentRecords.ofKey(connection, order.id(), key.value());
        if (earlier.isPresent()) {
            if (!requestHash.equals(earlier.get().requestHash())) {
                throw new DomainException(ProblemKind.IDEMPOTENCY_KEY_REUSED, "the " + IdempotencyKey.HEADER + " '"
                        + key.value() + "' was first used with a different payment of order " + order.id());
            }
            return new Progress(order.status(), earlier.get());
        }
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw DomainException.conflict("order " + order.id() + " is " + order.status()
                    + "; only an order awaiting payment can be paid");
        }
        Optional<StoredPayment> open = PaymentRecords.inProgress(connection, order.id());
        if (open.isPresent()) {
            throw DomainException.conflict(PaymentRecords.AUTHORIZED.equals(open.get().status())
                    ? "order " + order.id() + " already has an authorised payment; capture or void it"
                    : "a payment of order " + order.id() + " is already in progress; retry it with its "
                            + IdempotencyKey.HEADER);
        }
        String fingerprint = request.instrument() instanceof PaymentInstrument.Card card ? fingerprints.of(card.number()) : null;
        RiskSignals riskSignals = signals.collect(connection, order.id(), order.userId(), order.total(),
                request.deviceId(), fingerprint);
        RiskAssessment risk = scorer.assess(riskSignals);
        if (risk.blocked()) {
            long paymentId = PaymentRecords.insert(connection, order, newPayment(request, PaymentRecords.FAILED,
                    FRAUD_RISK, fingerprint, risk, key, requestHash));
            fail(connection, order, request.method(), fingerprint, FRAUD_RISK, "Your payment for order " + order.id()
                    + " was blocked by our fraud checks (" + String.join(", ", risk.reasonCodes()) + "). Nothing was charged.");
            return new Progress(OrderStatus.PAYMENT_FAILED, PaymentRecords.lock(connection, paymentId));
        }
        long paymentId = PaymentRecords.insert(connection, order, newPayment(request, PaymentRecords.PENDING, null,
                fingerprint, risk, key, requestHash));
        return new Progress(order.status(), PaymentRecords.lock(connection, paymentId));
    }

    /** The provider's calls that the payment still needs, each with no transaction open. */
    private @Nullable GatewayAnswer proceed(PayOrder request, IdempotencyKey key, Progress claimed) {
        Progress progress = claimed;
        if (progress.is(PaymentRecords.PENDING)) {
            String reference = "order-" + request.orderId() + "/" + key.value() + ":authorize";
            GatewayRetry.Attempted<Authorization> authorized = authorize(progress.payment(), reference,
                    new AuthorizationRequest(reference, request.orderId(), progress.payment().amount(),
                            progress.payment().currency(), request.instrument()));
            if (authorized.result() instanceof Authorization.Declined declined) {
                return new GatewayAnswer.Declined(reference, declined.gatewayReference(), declined.reason(),
                        authorized.attempts());
            }
            Authorization.Approved approved = (Authorization.Approved) authorized.result();
            long paymentId = progress.payment().id();
            progress = transactions.inTransaction(connection -> recordAuthorization(connection, request, paymentId,
                    reference, approved, authorized.attempts()));
        }
        if (progress.is(PaymentRecords.AUTHORIZED) && !progress.payable()) {
            // cancelled or expired while the provider was authorising: nothing will be captured
            return voidAtProvider(progress.payment().authorization());
        }
        if (progress.is(PaymentRecords.CAPTURING)) {
            return capture(progress.payment().authorization());
        }
        return null;
    }

    /**
     * Asks for the authorisation. When no attempt answers, the pending payment is forgotten: nothing
     * is known to be authorised, and a retry with the same key asks again under the same reference.
     */
    private GatewayRetry.Attempted<Authorization> authorize(StoredPayment payment, String reference,
                                                            AuthorizationRequest request) {
        try {
            return callGateway(payment.orderId(), "authorisation", () -> gateway.authorize(request));
        } catch (RuntimeException e) {
            try {
                transactions.inTransaction(connection -> PaymentRecords.deletePending(connection, payment.id()));
            } catch (RuntimeException deleteFailure) {
                // the provider's failure is what the caller must see; the payment stays pending for a retry
                e.addSuppressed(deleteFailure);
            }
            LOG.debug("authorisation {} of payment {} failed; the pending payment was dropped", reference, payment.id());
            throw e;
        }
    }

    /** Second transaction: the approved authorisation, and whether the capture follows. */
    private Progress recordAuthorization(Connection connection, PayOrder request, long paymentId, String reference,
                                         Authorization.Approved approved, int attempts) throws SQLException {
        Order order = orders.lockForUpdate(connection, request.orderId())
                .orElseThrow(() -> DomainException.notFound("order", request.orderId()));
        StoredPayment payment = PaymentRecords.lock(connection, paymentId);
        if (!payment.status().equals(PaymentRecords.PENDING)) {
            // a concurrent retry with the same key recorded it first
            return new Progress(order.status(), payment);
        }
        boolean payable = order.status() == OrderStatus.PENDING_PAYMENT;
        String status = payable && request.capture() == CaptureMode.AUTOMATIC
                ? PaymentRecords.CAPTURING : PaymentRecords.AUTHORIZED;
        PaymentRecords.markAuthorized(connection, paymentId, status, approved.gatewayReference(), approved.token());
        PaymentRecords.transaction(connection, paymentId, "AUTHORIZE", true, payment.amount(), payment.currency(),
                reference, approved.gatewayReference(), attempts, null);
        if (payable) {
            RiskSignalCollector.rememberDevice(connection, order.userId(), request.deviceId());
        }
        return new Progress(order.status(), PaymentRecords.lock(connection, paymentId));
    }

    /**
     * The capture, with no transaction open. No answer leaves the payment CAPTURING (the money may
     * have been taken): 503, and a retry resumes it under the same reference. A refusal opens the
     * authorisation again.
     */
    private GatewayAnswer.Captured capture(OpenAuthorization open) {
        String reference = "payment-" + open.paymentId() + ":capture";
        CaptureRequest request = new CaptureRequest(reference, open.gatewayReference(), open.amount(), open.currency());
        GatewayRetry.Attempted<String> captured;
        try {
            captured = retry.call("capture of order " + open.orderId(), () -> gateway.capture(request));
        } catch (GatewayRetry.GaveUp e) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("orderId", open.orderId());
            extensions.put("orderStatus", OrderStatus.PENDING_PAYMENT.name());
            extensions.put("attempts", e.attempts());
            extensions.put("retryable", true);
            throw new DomainException(ProblemKind.UNAVAILABLE, "the payment gateway did not answer the capture of order "
                    + open.orderId() + " after " + e.attempts() + " attempt(s); the order still awaits payment and"
                    + " its payment is being captured: retry with the same " + IdempotencyKey.HEADER
                    + " to complete it", extensions);
        } catch (RuntimeException e) {
            try {
                transactions.inTransaction(connection -> PaymentRecords.captureRefused(connection, open.paymentId()));
            } catch (RuntimeException reopenFailure) {
                // the refusal is what the caller must see; the payment stays CAPTURING for a retry
                e.addSuppressed(reopenFailure);
            }
            throw e;
        }
        return new GatewayAnswer.Captured(reference, captured.result(), captured.attempts());
    }

    /**
     * Voids an authorisation at the provider, with no transaction open; null when the provider did
     * not answer (the authorisation then lapses at the provider, and stays AUTHORIZED here so the
     * next void of the order tries again).
     */
    private GatewayAnswer.@Nullable Voided voidAtProvider(OpenAuthorization open) {
        String reference = "payment-" + open.paymentId() + ":void";
        try {
            GatewayRetry.Attempted<Boolean> voided = retry.call("void of order " + open.orderId(), () -> {
                gateway.voidAuthorization(new VoidRequest(reference, open.gatewayReference()));
                return Boolean.TRUE;
            });
            return new GatewayAnswer.Voided(reference, voided.attempts());
        } catch (GatewayRetry.GaveUp e) {
            LOG.warn("the authorisation of payment {} (order {}) could not be voided: {}; it lapses at the provider",
                    open.paymentId(), open.orderId(), e.getMessage());
            return null;
        }
    }

    /**
     * The completing transaction (the one that stores the response under the key): the provider's
     * answer is recorded if the payment is still where the answer applies, and the outcome is read
     * from the rows.
     */
    private PaymentOutcome complete(Connection connection, long orderId, long paymentId, @Nullable GatewayAnswer answer)
            throws SQLException {
        // the order first, as in every other step, so two steps never wait on each other crosswise
        Order order = orders.lockForUpdate(connection, orderId).orElseThrow(() -> DomainException.notFound("order", orderId));
        StoredPayment payment = PaymentRecords.lock(connection, paymentId);
        if (answer instanceof GatewayAnswer.Declined declined
                && PaymentRecords.markDeclined(connection, paymentId, declined.gatewayReference(), declined.reason().code())) {
            PaymentRecords.transaction(connection, paymentId, "AUTHORIZE", false, payment.amount(), payment.currency(),
                    declined.reference(), declined.gatewayReference(), declined.attempts(), declined.reason().code());
            if (order.status() == OrderStatus.PENDING_PAYMENT) {
                fail(connection, order, payment.method(), payment.cardFingerprint(), declined.reason().code(),
                        "Your payment for order " + order.id() + " failed: " + declined.reason().description()
                                + ". Nothing was charged.");
                order = order.withStatus(OrderStatus.PAYMENT_FAILED);
            }
        } else if (answer instanceof GatewayAnswer.Captured captured
                && PaymentRecords.markCaptured(connection, paymentId)) {
            PaymentRecords.transaction(connection, paymentId, "CAPTURE", true, payment.amount(), payment.currency(),
                    captured.reference(), captured.gatewayReference(), captured.attempts(), null);
            // a capturing payment keeps the order from being cancelled, so it still awaits payment
            if (order.status() == OrderStatus.PENDING_PAYMENT) {
                orders.updateStatus(connection, order.id(), OrderStatus.PAID);
                order = order.withStatus(OrderStatus.PAID);
                appendEvent(connection, order, OrderEventType.ORDER_PAID, payment.method().code(), null,
                        payment.cardFingerprint());
            } else {
                LOG.error("order {} is {} although its payment {} was being captured; the capture is recorded",
                        order.id(), order.status(), paymentId);
            }
        } else if (answer instanceof GatewayAnswer.Voided voided) {
            recordVoid(connection, payment.authorization(), voided);
        }
        return outcome(order, PaymentRecords.lock(connection, paymentId));
    }

    /** What the rows say the payment came to. */
    private static PaymentOutcome outcome(Order order, StoredPayment payment) {
        String status = payment.status();
        boolean captured = status.equals(PaymentRecords.CAPTURED) || status.equals("REFUNDED")
                || status.equals("PARTIALLY_REFUNDED");
        if (captured || (status.equals(PaymentRecords.AUTHORIZED) && order.status() == OrderStatus.PENDING_PAYMENT)) {
            return new PaymentOutcome.Accepted(order.id(), payment.id(), order.status(), status, payment.method(),
                    payment.amount(), payment.currency(), payment.instrument(), payment.riskScore());
        }
        if (status.equals(PaymentRecords.FAILED) && order.status() == OrderStatus.PAYMENT_FAILED) {
            if (FRAUD_RISK.equals(payment.declineReason())) {
                return new PaymentOutcome.Blocked(order.id(), payment.id(), storedRisk(payment));
            }
            return new PaymentOutcome.Declined(order.id(), payment.id(), declineReason(payment.declineReason()));
        }
        if (status.equals(PaymentRecords.PENDING) || status.equals(PaymentRecords.CAPTURING)) {
            throw new IllegalStateException("payment " + payment.id() + " is still " + status + " at its completion");
        }
        // voided, or failed, or authorised, on an order cancelled or expired while the provider was asked
        return new PaymentOutcome.Abandoned(order.id(), payment.id(), order.status());
    }

    /** Captures the open authorisation of an order (manual capture): the order becomes PAID. */
    public StoredResponse captureAuthorized(long orderId, @Nullable IdempotencyKey key, String endpoint,
                                            String requestHash, Function<PaymentOutcome, StoredResponse> respond) {
        Optional<StoredPayment> capturing = transactions.inTransaction(connection -> startCapture(connection, orderId));
        if (capturing.isEmpty()) {
            // nothing to capture; with a key, an earlier capture's response is replayed instead
            return idempotent.executeOptional(key, endpoint, requestHash, connection -> {
                throw notCapturable(connection, orderId);
            });
        }
        GatewayAnswer.Captured captured = capture(capturing.get().authorization());
        long paymentId = capturing.get().id();
        return idempotent.executeOptional(key, endpoint, requestHash,
                connection -> respond.apply(complete(connection, orderId, paymentId, captured)));
    }

    /** The authorised payment, now CAPTURING (or one whose capture got no answer, to resume). */
    private Optional<StoredPayment> startCapture(Connection connection, long orderId) throws SQLException {
        Order order = lockOrder(connection, orderId);
        Optional<StoredPayment> open = PaymentRecords.inProgress(connection, orderId);
        if (order.status() != OrderStatus.PENDING_PAYMENT || open.isEmpty()) {
            return Optional.empty();
        }
        StoredPayment payment = open.get();
        if (payment.status().equals(PaymentRecords.AUTHORIZED)) {
            PaymentRecords.markCapturing(connection, payment.id());
            return Optional.of(PaymentRecords.lock(connection, payment.id()));
        }
        return payment.status().equals(PaymentRecords.CAPTURING) ? Optional.of(payment) : Optional.empty();
    }

    private DomainException notCapturable(Connection connection, long orderId) throws SQLException {
        Order order = lockOrder(connection, orderId);
        if (PaymentRecords.openAuthorization(connection, orderId).isEmpty()) {
            return DomainException.conflict("order " + orderId + " has no authorised payment to capture");
        }
        return DomainException.conflict("order " + orderId + " is " + order.status() + "; its authorisation cannot be captured");
    }

    /**
     * Voids the order's authorisation and cancels the order (its stock goes back): the order is
     * cancelled first, in a short transaction, then the provider is asked, then the void recorded in
     * the transaction that stores the response. When the provider does not answer, the order stays
     * cancelled and the answer is 503: a retry voids the authorisation left open.
     */
    public StoredResponse voidAndCancel(long orderId, @Nullable IdempotencyKey key, String endpoint, String requestHash,
                                        Function<Order, StoredResponse> respond) {
        Optional<OpenAuthorization> open = transactions.inTransaction(connection -> cancelForVoid(connection, orderId));
        if (open.isEmpty()) {
            // nothing to void; with a key, an earlier void's response is replayed instead
            return idempotent.executeOptional(key, endpoint, requestHash, connection -> {
                throw DomainException.conflict("order " + orderId + " has no authorised payment to void");
            });
        }
        GatewayAnswer.Voided voided = voidAtProvider(open.get());
        return idempotent.executeOptional(key, endpoint, requestHash, connection -> {
            Order order = lockOrder(connection, orderId);
            if (voided != null) {
                recordVoid(connection, open.get(), voided);
            } else if (PaymentRecords.lock(connection, open.get().paymentId()).status().equals(PaymentRecords.AUTHORIZED)) {
                Map<String, Object> extensions = new LinkedHashMap<>();
                extensions.put("orderId", orderId);
                extensions.put("orderStatus", order.status().name());
                extensions.put("retryable", true);
                throw new DomainException(ProblemKind.UNAVAILABLE, "order " + orderId + " is " + order.status()
                        + " but the payment gateway did not confirm that its authorisation was released;"
                        + " retry to release it (it lapses at the provider otherwise)", extensions);
            }
            return respond.apply(order);
        });
    }

    /** First transaction of a void: the order cancelled, and the authorisation to void (or one left open earlier). */
    private Optional<OpenAuthorization> cancelForVoid(Connection connection, long orderId) throws SQLException {
        Order order = lockOrder(connection, orderId);
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            List<OpenAuthorization> left = PaymentRecords.leftOver(connection, orderId);
            return left.isEmpty() ? Optional.empty() : Optional.of(left.get(0));
        }
        Optional<StoredPayment> open = PaymentRecords.inProgress(connection, orderId);
        if (open.isEmpty() || !open.get().status().equals(PaymentRecords.AUTHORIZED)) {
            if (open.isPresent() && open.get().status().equals(PaymentRecords.CAPTURING)) {
                throw DomainException.conflict("the payment of order " + orderId + " is being captured; it can no"
                        + " longer be voided");
            }
            return Optional.empty();
        }
        reservations.release(connection, orderId);
        orders.updateStatus(connection, orderId, OrderStatus.CANCELLED);
        Order cancelled = order.withStatus(OrderStatus.CANCELLED);
        events.append(connection, cancelled, OrderEventType.ORDER_CANCELLED, null, PAYMENT_VOIDED);
        return Optional.of(open.get().authorization());
    }

    /** A capture in flight means the money may be taken at any moment: the order must not be cancelled under it. */
    @Override
    public boolean captureInFlight(Connection connection, long orderId) throws SQLException {
        return PaymentRecords.inProgress(connection, orderId)
                .filter(payment -> payment.status().equals(PaymentRecords.CAPTURING)).isPresent();
    }

    /**
     * Voids, at the provider and then here, the authorisations still open on an order that no
     * longer awaits payment; called after the cancelling transaction committed, with none open.
     * Failures are logged, not thrown: the cancel is done, and an authorisation that is not voided
     * lapses at the provider.
     */
    @Override
    public void voidLeftOver(long orderId) {
        voidLeftOvers(orderId);
    }

    /** Returns how many authorisations of the order it voided. */
    private int voidLeftOvers(long orderId) {
        List<OpenAuthorization> left;
        try {
            left = transactions.read(connection -> PaymentRecords.leftOver(connection, orderId));
        } catch (RuntimeException e) {
            LOG.warn("cannot look for authorisations left open on order {}: {}", orderId, e.getMessage());
            return 0;
        }
        int voidedHere = 0;
        for (OpenAuthorization open : left) {
            try {
                GatewayAnswer.Voided voided = voidAtProvider(open);
                if (voided != null && transactions.inTransaction(connection -> recordVoid(connection, open, voided))) {
                    voidedHere++;
                }
            } catch (RuntimeException e) {
                // a permanent refusal by the provider, or the database: the order is cancelled either way
                LOG.warn("the authorisation of payment {} (order {}) was not voided: {}", open.paymentId(), orderId,
                        e.getMessage());
            }
        }
        return voidedHere;
    }

    /**
     * Finishes what payment requests left half done and nobody came back to: a capture asked for
     * longer than {@code stalledFor} ago is asked again under its reference and completed (the order
     * becomes PAID), and an authorisation given longer ago than that and still open on an order that
     * no longer awaits payment (its void got no answer) is voided. Safe alongside the requests
     * themselves: every step uses the same references, and records only from the status it expects.
     * Returns how many payments it settled.
     */
    public int reconcile(Duration stalledFor) {
        Objects.requireNonNull(stalledFor, "stalledFor");
        int settled = 0;
        List<StoredPayment> stalled = transactions.read(connection ->
                PaymentRecords.stalledCaptures(connection, stalledFor, RECONCILE_BATCH));
        for (StoredPayment payment : stalled) {
            try {
                GatewayAnswer.Captured captured = capture(payment.authorization());
                transactions.inTransaction(connection -> complete(connection, payment.orderId(), payment.id(), captured));
                settled++;
            } catch (RuntimeException e) {
                LOG.warn("the capture of payment {} (order {}) is still unfinished: {}", payment.id(), payment.orderId(),
                        e.getMessage());
            }
        }
        List<Long> ordersLeftOpen = transactions.read(connection ->
                PaymentRecords.ordersWithLeftOverAuthorizations(connection, stalledFor, RECONCILE_BATCH));
        for (long orderId : ordersLeftOpen) {
            settled += voidLeftOvers(orderId);
        }
        return settled;
    }

    /** Records a void the provider confirmed; false when another request recorded it first. */
    private static boolean recordVoid(Connection connection, OpenAuthorization open, GatewayAnswer.Voided voided)
            throws SQLException {
        if (!PaymentRecords.markVoided(connection, open.paymentId())) {
            return false;
        }
        PaymentRecords.transaction(connection, open.paymentId(), "VOID", true, open.amount(), open.currency(),
                voided.reference(), null, voided.attempts(), null);
        return true;
    }

    private void fail(Connection connection, Order order, PaymentMethod method, @Nullable String fingerprint,
                      String reason, String message) throws SQLException {
        reservations.release(connection, order.id());
        orders.updateStatus(connection, order.id(), OrderStatus.PAYMENT_FAILED);
        appendEvent(connection, order.withStatus(OrderStatus.PAYMENT_FAILED), OrderEventType.PAYMENT_FAILED, method.code(),
                reason, fingerprint);
        Notifications.record(connection, order.userId(), NotificationKind.PAYMENT_FAILED, order.id(),
                "Payment failed for order " + order.id(), message);
    }

    /** The order's event plus {@code cardFingerprint} (null unless a card paid). */
    private void appendEvent(Connection connection, Order order, OrderEventType type, String method,
                             @Nullable String reason, @Nullable String fingerprint) throws SQLException {
        events.append(connection, OrderEventRecords.of(order, type).setPaymentMethod(method).setReason(reason)
                .setCardFingerprint(fingerprint));
    }

    private <T> GatewayRetry.Attempted<T> callGateway(long orderId, String what, Supplier<T> call) {
        try {
            return retry.call(what + " of order " + orderId, call);
        } catch (GatewayRetry.GaveUp e) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("orderId", orderId);
            extensions.put("orderStatus", OrderStatus.PENDING_PAYMENT.name());
            extensions.put("attempts", e.attempts());
            extensions.put("retryable", true);
            throw new DomainException(ProblemKind.UNAVAILABLE, "the payment gateway did not answer the " + what
                    + " of order " + orderId + " after " + e.attempts() + " attempt(s); nothing was charged and the order"
                    + " still awaits payment: retry with the same Idempotency-Key", extensions);
        }
    }

    private Order lockOrder(Connection connection, long orderId) throws SQLException {
        return orders.lockForUpdate(connection, orderId)
                .orElseThrow(() -> DomainException.notFound("order", orderId));
    }

    private static PaymentRecords.NewPayment newPayment(PayOrder request, String status, @Nullable String declineReason,
                                                        @Nullable String fingerprint, RiskAssessment risk,
                                                        IdempotencyKey key, String requestHash) {
        return new PaymentRecords.NewPayment(request.method(), request.instrument().stored(), status, null, null,
                declineReason, fingerprint, request.deviceId(), risk.score(), risk.reasonCodes(), key.value(), requestHash);
    }

    /** The risk assessment that blocked a payment, as its row keeps it. */
    private static RiskAssessment storedRisk(StoredPayment payment) {
        List<RiskReason> reasons = new ArrayList<>();
        for (String code : payment.riskReasons()) {
            for (RiskReason reason : RiskReason.values()) {
                if (reason.code().equals(code)) {
                    reasons.add(reason);
                }
            }
        }
        return new RiskAssessment(payment.riskScore(), reasons, true);
    }

    private static DeclineReason declineReason(@Nullable String code) {
        for (DeclineReason reason : DeclineReason.values()) {
            if (reason.code().equals(code)) {
                return reason;
            }
        }
        // a reason this version does not know (a newer provider's): still a decline
        return DeclineReason.CARD_DECLINED;
    }
}
