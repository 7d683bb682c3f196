package dev.streamcart.serving.payments;

import java.time.YearMonth;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the buyer pays with. Each kind hands its secret part (card number and CVC, IBAN) to the
 * gateway only; {@code toString()} never shows it, and only the parts named in {@link Stored} are
 * ever written anywhere.
 */
public sealed interface PaymentInstrument {

    PaymentMethod method();

    /** What the payment row keeps, and what identifies the instrument for idempotency. */
    Stored stored();

    /** The non-secret description of an instrument: brand and last four of a card, last four of a wallet id or IBAN. */
    record Stored(@Nullable String cardBrand, @Nullable String cardLast4, @Nullable Integer expMonth,
                  @Nullable Integer expYear, @Nullable String accountLast4) {}

    /**
     * A card. {@code expiry} is absent when the client used the older {@code cardNumber} form; the
     * CVC is passed to the gateway and dropped with this object.
     */
    final class Card implements PaymentInstrument {
        private final CardNumber number;
        private final @Nullable YearMonth expiry;
        private final @Nullable String cvc;

        public Card(CardNumber number, @Nullable YearMonth expiry, @Nullable String cvc) {
            this.number = Objects.requireNonNull(number, "number");
            this.expiry = expiry;
            this.cvc = cvc;
        }

        public CardNumber number() {
            return number;
        }

        public @Nullable YearMonth expiry() {
            return expiry;
        }

        /** For the gateway only. */
        @Nullable String cvc() {
            return cvc;
        }

        @Override
        public PaymentMethod method() {
            return PaymentMethod.CARD;
        }

        @Override
        public Stored stored() {
            return new Stored(number.brand(), number.last4(), expiry == null ? null : expiry.getMonthValue(),
                    expiry == null ? null : expiry.getYear(), null);
        }

        @Override
        public String toString() {
            return "Card[" + number + (expiry == null ? "" : " exp " + expiry) + "]";
        }
    }

    /** A wallet account at the provider (the id the wallet's SDK gave the client). */
    record Wallet(String walletId) implements PaymentInstrument {
        public Wallet {
            Objects.requireNonNull(walletId, "walletId");
        }

        @Override
        public PaymentMethod method() {
            return PaymentMethod.WALLET;
        }

        @Override
        public Stored stored() {
            return new Stored(null, null, null, null, walletId.substring(walletId.length() - 4));
        }

        @Override
        public String toString() {
            return "Wallet[****" + stored().accountLast4() + "]";
        }
    }

    /** A bank transfer from an IBAN. */
    record BankTransfer(Iban iban) implements PaymentInstrument {
        public BankTransfer {
            Objects.requireNonNull(iban, "iban");
        }

        @Override
        public PaymentMethod method() {
            return PaymentMethod.BANK_TRANSFER;
        }

        @Override
        public Stored stored() {
            return new Stored(null, null, null, null, iban.last4());
        }
    }
}
