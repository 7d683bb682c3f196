package dev.streamcart.serving.payments;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Card (new and older form), wallet and bank transfer payments, and what is kept of each. */
class PaymentMethodsApiTest {

    private static final String CARD = "5555555555554444";
    private static final String CVC = "9317";
    private static final int NEXT_YEAR = YearMonth.now(ZoneOffset.UTC).getYear() + 1;

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long product;
    private long user;

    @BeforeEach
    void setUp() {
        product = shop.stockedProduct("12.50", 100);
        user = shop.user();
    }

    private long pendingOrder() {
        return shop.placedOrder(user, product, 1);
    }

    private ApiClient.Response pay(long orderId, Object body, String... headers) {
        return shop.postPayment(orderId, body, UUID.randomUUID().toString(), headers);
    }

    private static Map<String, Object> card(String number, int month, int year, String cvc) {
        return json("method", "card", "card", json("number", number, "expMonth", month, "expYear", year, "cvc", cvc));
    }

    @Test
    void aCardPaymentIsAuthorisedThenCapturedAndKeepsOnlyBrandLastFourAndExpiry() {
        long orderId = pendingOrder();

        ApiClient.Response response = pay(orderId, card(CARD, 8, NEXT_YEAR, CVC));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("status").asText()).isEqualTo("PAID");
        assertThat(response.json().path("paymentStatus").asText()).isEqualTo("CAPTURED");
        assertThat(response.json().path("method").asText()).isEqualTo("card");
        assertThat(response.json().path("cardBrand").asText()).isEqualTo("mastercard");
        assertThat(response.json().path("cardLast4").asText()).isEqualTo("4444");
        assertThat(response.json().path("cardExpMonth").asInt()).isEqualTo(8);
        assertThat(response.json().path("cardExpYear").asInt()).isEqualTo(NEXT_YEAR);
        Map<String, Object> row = db.single("SELECT status, method, card_brand, card_last4, card_exp_month, card_exp_year, "
                + "gateway_token, captured_at IS NOT NULL AS captured, "
                + "(to_jsonb(p) - 'created_at' - 'authorized_at' - 'captured_at')::text AS everything "
                + "FROM payments p WHERE order_id = ?", orderId);
        assertThat(row).containsEntry("status", "CAPTURED").containsEntry("card_brand", "mastercard")
                .containsEntry("card_last4", "4444").containsEntry("captured", true);
        assertThat(((Number) row.get("card_exp_month")).intValue()).isEqualTo(8);
        assertThat((String) row.get("gateway_token")).startsWith("sim_tok_");
        assertThat((String) row.get("everything")).doesNotContain(CARD).doesNotContain(CVC);
        assertThat(db.orderStatus(orderId)).isEqualTo("PAID");
    }

    @Test
    void theCardNumberAndCvcAppearNeitherInTheDatabaseNorInTheLog() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            pay(pendingOrder(), card(CARD, 1, NEXT_YEAR, CVC));
            pay(pendingOrder(), card("4000000000000002", 1, NEXT_YEAR, CVC));
            pay(pendingOrder(), card(SimulatedPaymentGateway.FLAKY_CARD, 1, NEXT_YEAR, CVC));
            pay(pendingOrder(), card(SimulatedPaymentGateway.UNREACHABLE_CARD, 1, NEXT_YEAR, CVC));
            pay(pendingOrder(), card("5555555555554445", 1, NEXT_YEAR, CVC));
        } finally {
            System.setErr(original);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the retries were logged").contains("retrying");
        for (String number : List.of(CARD, "4000000000000002", SimulatedPaymentGateway.FLAKY_CARD,
                SimulatedPaymentGateway.UNREACHABLE_CARD, "5555555555554445")) {
            assertThat(log).doesNotContain(number);
            for (Map<String, Object> table : db.rows("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                String name = (String) table.get("table_name");
                assertThat(db.count("SELECT count(*) FROM " + name + " t WHERE t::text LIKE ?", "%" + number + "%"))
                        .as(number + " in " + name).isZero();
            }
        }
    }

    @Test
    void theOlderCardNumberFormStillWorksWithoutAnExpiry() {
        long orderId = pendingOrder();

        ApiClient.Response response = pay(orderId, json("method", "card", "cardNumber", "4242 4242 4242 4242"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("cardLast4").asText()).isEqualTo("4242");
        assertThat(response.json().path("cardExpMonth").isNull()).isTrue();
    }

    @Test
    void aWalletPaymentKeepsTheLastFourOfTheWalletId() {
        long orderId = pendingOrder();

        ApiClient.Response response = pay(orderId, json("method", "wallet", "walletId", "wal_shopper_7781"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("method").asText()).isEqualTo("wallet");
        assertThat(response.json().path("accountLast4").asText()).isEqualTo("7781");
        assertThat(response.json().path("cardBrand").isNull()).isTrue();
        assertThat(db.single("SELECT method, status, account_last4, card_fingerprint FROM payments WHERE order_id = ?", orderId))
                .containsEntry("method", "wallet").containsEntry("status", "CAPTURED").containsEntry("account_last4", "7781")
                .containsEntry("card_fingerprint", null);
    }

    @Test
    void aWalletWithoutFundsIsDeclined() {
        long orderId = pendingOrder();

        ApiClient.Response response = pay(orderId, json("method", "wallet", "walletId", "wallet_no_funds"));

        assertThat(response.status()).isEqualTo(402);
        assertThat(response.json().path("reason").asText()).isEqualTo("insufficient_funds");
        assertThat(db.orderStatus(orderId)).isEqualTo("PAYMENT_FAILED");
    }

    @Test
    void aBankTransferFromAValidIbanIsPaid() {
        long orderId = pendingOrder();

        ApiClient.Response response = pay(orderId, json("method", "bank_transfer", "iban", "DE89 3704 0044 0532 0130 00"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("method").asText()).isEqualTo("bank_transfer");
        assertThat(response.json().path("accountLast4").asText()).isEqualTo("3000");
        assertThat(db.count("SELECT count(*) FROM payments p WHERE order_id = ? AND p::text LIKE '%370400440532%'", orderId))
                .as("only the last four of the IBAN are kept").isZero();
    }

    @Test
    void anExpiredCardIsDeclined() {
        long listed = pendingOrder();
        long lapsed = pendingOrder();

        ApiClient.Response testCard = pay(listed, card("4000000000000069", 12, NEXT_YEAR, "123"));
        ApiClient.Response pastExpiry = pay(lapsed, card(GOOD_CARD, 1, 2020, "123"));

        assertThat(testCard.status()).isEqualTo(402);
        assertThat(testCard.json().path("reason").asText()).isEqualTo("expired_card");
        assertThat(pastExpiry.status()).isEqualTo(402);
        assertThat(pastExpiry.json().path("reason").asText()).isEqualTo("expired_card");
        assertThat(db.orderStatus(lapsed)).isEqualTo("PAYMENT_FAILED");
    }

    @Test
    void badPaymentBodiesAre400NamingTheFieldAndChangeNothing() {
        long orderId = pendingOrder();
        Map<Object, String> cases = new LinkedHashMap<>();
        cases.put(json("method", "card", "card", json("number", CARD, "expYear", NEXT_YEAR, "cvc", "123")), "card.expMonth");
        cases.put(json("method", "card", "card", json("number", CARD, "expMonth", 13, "expYear", NEXT_YEAR, "cvc", "123")),
                "card.expMonth");
        cases.put(json("method", "card", "card", json("number", CARD, "expMonth", 1, "expYear", 26, "cvc", "123")),
                "card.expYear");
        cases.put(json("method", "card", "card", json("number", CARD, "expMonth", 1, "expYear", NEXT_YEAR, "cvc", "12a")),
                "card.cvc");
        cases.put(json("method", "card", "card", json("number", CARD, "expMonth", 1, "expYear", NEXT_YEAR)), "card.cvc");
        cases.put(json("method", "card", "card", json("number", "4242424242424241", "expMonth", 1, "expYear", NEXT_YEAR,
                "cvc", "123")), "card.number");
        cases.put(json("method", "card", "card", GOOD_CARD), "card");
        cases.put(json("method", "card"), "card");
        cases.put(json("method", "wallet"), "walletId");
        cases.put(json("method", "wallet", "walletId", "x' OR 1=1 --"), "walletId");
        cases.put(json("method", "bank_transfer"), "iban");
        cases.put(json("method", "bank_transfer", "iban", "DE89370400440532013001"), "iban");
        cases.put(json("method", "card", "cardNumber", GOOD_CARD, "capture", "later"), "capture");
        cases.forEach((body, field) -> {
            ApiClient.Response response = pay(orderId, body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.json().path("detail").asText()).as(body.toString()).contains(field);
        });
        ApiClient.Response badDevice = pay(orderId, json("method", "card", "cardNumber", GOOD_CARD),
                "X-Device-Id", "<script>");
        assertThat(badDevice.status()).isEqualTo(400);
        assertThat(badDevice.json().path("detail").asText()).contains("X-Device-Id");

        assertThat(db.orderStatus(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isZero();
    }

    /** Writes to the real stream and keeps a copy. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
