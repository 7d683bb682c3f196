package dev.streamcart.serving.payments;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recognises a card again without keeping its number: HMAC-SHA256 of the digits with a server
 * secret, as 64 hex characters. Without the secret a leaked fingerprint cannot be brute-forced back
 * to a number (a plain hash could: card numbers have few unknown digits).
 */
public final class CardFingerprints {

    private static final String ALGORITHM = "HmacSHA256";
    public static final int MIN_SECRET_LENGTH = 16;

    private final SecretKeySpec key;

    public CardFingerprints(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("payments.fingerprint-secret must be at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String of(CardNumber card) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(card.digits().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
