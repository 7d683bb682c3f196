package dev.streamcart.serving.payments;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A payment provider simulator with documented test cards (numbers as the big providers publish them):
 * <ul>
 *   <li>{@code 4000000000000002}: declined, {@code card_declined}</li>
 *   <li>{@code 4000000000009995}: declined, {@code insufficient_funds}</li>
 *   <li>{@code 4100000000000019}: declined, {@code fraud_suspected}</li>
 *   <li>{@code 4000000000000069}, or any card whose expiry month has passed: declined, {@code expired_card}</li>
 *   <li>{@code 4000000000000259}: the first {@value #FLAKY_TIMEOUTS} attempts of each authorisation time
 *       out (the authorisation is made, the answer is lost), a retry with the same reference gets it</li>
 *   <li>{@code 4000000000000119}: every authorisation attempt times out (nothing is authorised)</li>
 *   <li>any other Luhn-valid number (e.g. {@code 4242424242424242}): approved</li>
 * </ul>
 * Wallets: {@code wallet_declined} is declined ({@code card_declined}), {@code wallet_no_funds}
 * {@code insufficient_funds}, any other wallet id is approved. Bank transfers from any valid IBAN are
 * approved at once: a real bank transfer settles asynchronously (the provider confirms later), which
 * this simulator does not model.
 *
 * <p>Like a real provider it is idempotent per reference: the same reference answers the first
 * result. Like a real provider it is also one service for every API instance, although each instance
 * has its own simulator: every answer is derived from the request alone (its reference and
 * instrument), and an approved authorisation's reference carries a check code, so an instance that
 * never saw an authorisation answers its retry alike and captures it. Only the timeouts of
 * {@value #FLAKY_CARD} are counted per instance. Every call takes the configured latency with jitter
 * (uniformly between half and one and a half times it), like a network round trip.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(100);
    public static final int FLAKY_TIMEOUTS = 2;

    static final String FLAKY_CARD = "4000000000000259";
    static final String UNREACHABLE_CARD = "4000000000000119";

    private static final Map<String, DeclineReason> DECLINING_CARDS = Map.of(
            "4000000000000002", DeclineReason.CARD_DECLINED,
            "4000000000009995", DeclineReason.INSUFFICIENT_FUNDS,
            "4100000000000019", DeclineReason.FRAUD_SUSPECTED,
            "4000000000000069", DeclineReason.EXPIRED_CARD);
    private static final Map<String, DeclineReason> DECLINING_WALLETS = Map.of(
            "wallet_declined", DeclineReason.CARD_DECLINED,
            "wallet_no_funds", DeclineReason.INSUFFICIENT_FUNDS);
    private static final int REMEMBERED = 100_000;
    private static final int CHECK_CODE_LENGTH = 8;

    private final Duration latency;
    private final Clock clock;
    // per reference: what was answered (a provider's idempotency store), and how many attempts timed out
    private final Map<String, Object> answers = Collections.synchronizedMap(bounded());
    private final Map<String, Integer> timeouts = Collections.synchronizedMap(bounded());

    public SimulatedPaymentGateway(Duration latency) {
        this(latency, Clock.systemUTC());
    }

    public SimulatedPaymentGateway(Duration latency, Clock clock) {
        this.latency = Objects.requireNonNull(latency, "latency");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
    }

    @Override
    public Authorization authorize(AuthorizationRequest request) {
        simulateLatency();
        if (request.instrument() instanceof PaymentInstrument.Card card) {
            String digits = card.number().digits();
            if (UNREACHABLE_CARD.equals(digits)) {
                throw new GatewayUnavailableException("simulated timeout: no answer from the card network");
            }
            Authorization answer = (Authorization) answers.computeIfAbsent(request.reference(), ref -> decide(request));
            if (FLAKY_CARD.equals(digits) && timeouts.merge(request.reference(), 1, Integer::sum) <= FLAKY_TIMEOUTS) {
                throw new GatewayUnavailableException("simulated timeout: the authorisation was made but its answer was lost");
            }
            return answer;
        }
        return (Authorization) answers.computeIfAbsent(request.reference(), ref -> decide(request));
    }

    private Authorization decide(AuthorizationRequest request) {
        String reference = derived("sim_au_", "authorise:" + request.reference());
        DeclineReason decline = null;
        if (request.instrument() instanceof PaymentInstrument.Card card) {
            decline = cardDecline(card);
        } else if (request.instrument() instanceof PaymentInstrument.Wallet wallet) {
            decline = DECLINING_WALLETS.get(wallet.walletId());
        }
        if (decline != null) {
            return new Authorization.Declined(reference, decline);
        }
        return new Authorization.Approved(reference + checkCode(reference), derived("sim_tok_", "token:" + request.reference()));
    }

    private @Nullable DeclineReason cardDecline(PaymentInstrument.Card card) {
        DeclineReason listed = DECLINING_CARDS.get(card.number().digits());
        if (listed != null) {
            return listed;
        }
        YearMonth expiry = card.expiry();
        return expiry != null && expiry.isBefore(YearMonth.now(clock)) ? DeclineReason.EXPIRED_CARD : null;
    }

    @Override
    public String capture(CaptureRequest request) {
        simulateLatency();
        if (!approved(request.authorizationReference())) {
            throw new IllegalStateException("unknown authorisation " + request.authorizationReference());
        }
        return (String) answers.computeIfAbsent(request.reference(), ref -> derived("sim_ca_", "capture:" + ref));
    }

    @Override
    public void voidAuthorization(VoidRequest request) {
        simulateLatency();
        answers.computeIfAbsent(request.reference(), ref -> derived("sim_vo_", "void:" + ref));
    }

    /** Every refund of a captured payment succeeds, after the same latency as a charge. */
    @Override
    public String refund(RefundRequest request) {
        simulateLatency();
        return (String) answers.computeIfAbsent("refund:" + request.idempotencyKey() + ":" + request.paymentReference(),
                ref -> derived("sim_re_", ref));
    }

    /** How many distinct authorisations this simulator has made (for tests: a retry must not add one). */
    int authorizationsMade() {
        synchronized (answers) {
            return (int) answers.values().stream().filter(Authorization.class::isInstance).count();
        }
    }

    /** The same reference for the same request on every instance, and distinct ones for distinct requests. */
    private static String derived(String prefix, String request) {
        return prefix + hex(UUID.nameUUIDFromBytes(request.getBytes(StandardCharsets.UTF_8)));
    }

    /** Marks an authorisation reference as approved, so that any instance can tell it from a declined or made-up one. */
    private static String checkCode(String authorisation) {
        return hex(UUID.nameUUIDFromBytes(("approved:" + authorisation).getBytes(StandardCharsets.UTF_8))).substring(0, CHECK_CODE_LENGTH);
    }

    private static boolean approved(String authorisation) {
        int split = authorisation.length() - CHECK_CODE_LENGTH;
        return authorisation.startsWith("sim_au_") && split > "sim_au_".length()
                && checkCode(authorisation.substring(0, split)).equals(authorisation.substring(split));
    }

    private static String hex(UUID uuid) {
        return uuid.toString().replace("-", "");
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    private void simulateLatency() {
        if (latency.isZero()) {
            return;
        }
        long millis = latency.toMillis();
        long jittered = millis / 2 + ThreadLocalRandom.current().nextLong(millis + 1);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("interrupted while waiting for the gateway");
        }
    }
}
