package dev.streamcart.serving.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SimulatedPaymentGatewayTest {

    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway(Duration.ZERO,
            Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));

    private static AuthorizationRequest request(String reference, PaymentInstrument instrument) {
        return new AuthorizationRequest(reference, 7, new BigDecimal("10.00"), "USD", instrument);
    }

    private static PaymentInstrument.Card card(String number, YearMonth expiry) {
        return new PaymentInstrument.Card(CardNumber.parse(number), expiry, "123");
    }

    @Test
    void theSameReferenceAnswersTheFirstAuthorisation() {
        Authorization first = gateway.authorize(request("r1", card("4242424242424242", YearMonth.of(2030, 1))));
        Authorization again = gateway.authorize(request("r1", card("4242424242424242", YearMonth.of(2030, 1))));

        assertThat(first).isInstanceOf(Authorization.Approved.class);
        assertThat(again).isEqualTo(first);
        assertThat(gateway.authorizationsMade()).isEqualTo(1);
    }

    @Test
    void anotherInstanceAnswersARetryAlikeAndCapturesTheAuthorisation() {
        SimulatedPaymentGateway otherInstance = new SimulatedPaymentGateway(Duration.ZERO,
                Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
        AuthorizationRequest request = request("r2", card("4242424242424242", YearMonth.of(2030, 1)));

        Authorization here = gateway.authorize(request);
        Authorization there = otherInstance.authorize(request);
        String authorisation = ((Authorization.Approved) here).gatewayReference();

        assertThat(there).isEqualTo(here);
        assertThat(otherInstance.capture(new CaptureRequest("c2", authorisation, new BigDecimal("10.00"), "USD")))
                .isEqualTo(gateway.capture(new CaptureRequest("c2", authorisation, new BigDecimal("10.00"), "USD")));
    }

    @Test
    void aDeclinedOrMadeUpAuthorisationCannotBeCaptured() {
        Authorization declined = gateway.authorize(request("r3", card("4000000000000002", YearMonth.of(2030, 1))));
        String approved = ((Authorization.Approved) gateway.authorize(request("r4", card("4242424242424242", YearMonth.of(2030, 1)))))
                .gatewayReference();
        String forged = approved.substring(0, approved.length() - 1) + (approved.endsWith("0") ? "1" : "0");

        for (String reference : new String[] {((Authorization.Declined) declined).gatewayReference(), forged, "sim_au_", "made-up"}) {
            assertThatThrownBy(() -> gateway.capture(new CaptureRequest("c-" + reference, reference, new BigDecimal("10.00"), "USD")))
                    .as(reference).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theFlakyCardTimesOutTwiceThenAnswersTheAuthorisationItMadeOnTheFirstAttempt() {
        AuthorizationRequest request = request("flaky", card(SimulatedPaymentGateway.FLAKY_CARD, YearMonth.of(2030, 1)));

        assertThatThrownBy(() -> gateway.authorize(request)).isInstanceOf(GatewayUnavailableException.class);
        assertThatThrownBy(() -> gateway.authorize(request)).isInstanceOf(GatewayUnavailableException.class);
        Authorization third = gateway.authorize(request);

        assertThat(third).isInstanceOf(Authorization.Approved.class);
        assertThat(gateway.authorizationsMade()).as("one authorisation, however many attempts").isEqualTo(1);
    }

    @Test
    void theUnreachableCardAlwaysTimesOutAndAuthorisesNothing() {
        AuthorizationRequest request = request("down", card(SimulatedPaymentGateway.UNREACHABLE_CARD, YearMonth.of(2030, 1)));

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> gateway.authorize(request)).isInstanceOf(GatewayUnavailableException.class);
        }
        assertThat(gateway.authorizationsMade()).isZero();
    }

    @Test
    void expiredCardsAreDeclined() {
        Authorization listed = gateway.authorize(request("e1", card("4000000000000069", YearMonth.of(2030, 1))));
        Authorization lapsed = gateway.authorize(request("e2", card("4242424242424242", YearMonth.of(2026, 10))));
        Authorization thisMonth = gateway.authorize(request("e3", card("4242424242424242", YearMonth.of(2026, 11))));

        assertThat(((Authorization.Declined) listed).reason()).isEqualTo(DeclineReason.EXPIRED_CARD);
        assertThat(((Authorization.Declined) lapsed).reason()).isEqualTo(DeclineReason.EXPIRED_CARD);
        assertThat(thisMonth).isInstanceOf(Authorization.Approved.class);
    }

    @Test
    void walletsAndTransfersFollowTheirTestIds() {
        assertThat(gateway.authorize(request("w1", new PaymentInstrument.Wallet("wal_good_1"))))
                .isInstanceOf(Authorization.Approved.class);
        assertThat(((Authorization.Declined) gateway.authorize(request("w2", new PaymentInstrument.Wallet("wallet_no_funds"))))
                .reason()).isEqualTo(DeclineReason.INSUFFICIENT_FUNDS);
        assertThat(gateway.authorize(request("b1", new PaymentInstrument.BankTransfer(Iban.parse("DE89370400440532013000")))))
                .isInstanceOf(Authorization.Approved.class);
    }

    @Test
    void onlyAnApprovedAuthorisationCanBeCapturedAndACaptureIsIdempotent() {
        Authorization.Approved approved = (Authorization.Approved) gateway.authorize(
                request("c1", card("4242424242424242", YearMonth.of(2030, 1))));

        String capture = gateway.capture(new CaptureRequest("c1:capture", approved.gatewayReference(),
                new BigDecimal("10.00"), "USD"));

        assertThat(gateway.capture(new CaptureRequest("c1:capture", approved.gatewayReference(), new BigDecimal("10.00"),
                "USD"))).isEqualTo(capture);
        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("x", "sim_au_unknown", BigDecimal.ONE, "USD")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void latencyHasJitterAroundTheConfiguredMean() {
        SimulatedPaymentGateway slow = new SimulatedPaymentGateway(Duration.ofMillis(40));
        long started = System.nanoTime();
        slow.authorize(request("slow", card("4242424242424242", YearMonth.of(2099, 1))));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMillis).isBetween(20L, 500L);
    }
}
