package dev.streamcart.serving.payments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.serving.payments.risk.RiskScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How payments run: the simulator's latency, the gateway retry policy, the card fingerprint
 * secret and the risk policy.
 *
 * @param simulatorLatency   mean latency of the built-in simulator (each call takes 0.5x to 1.5x)
 * @param gatewayAttempts    attempts per gateway call when it times out (1 = no retry)
 * @param firstBackoff       wait before the second attempt; doubled before each further one
 * @param fingerprintSecret  HMAC key of card fingerprints (stable across restarts, or fingerprints stop matching)
 * @param riskThreshold      a risk score above this blocks the payment (0..100)
 * @param highAmount         an order total from this amount on counts as high value
 */
public record PaymentSettings(Duration simulatorLatency, int gatewayAttempts, Duration firstBackoff,
                              String fingerprintSecret, int riskThreshold, BigDecimal highAmount) {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSettings.class);

    public static final String LATENCY_MS = "payments.simulator.latency-ms";
    public static final String GATEWAY_ATTEMPTS = "payments.gateway.attempts";
    public static final String FIRST_BACKOFF_MS = "payments.gateway.first-backoff-ms";
    public static final String FINGERPRINT_SECRET = "payments.fingerprint-secret";
    public static final String RISK_THRESHOLD = "payments.risk.threshold";
    public static final String HIGH_AMOUNT = "payments.risk.high-amount";
    static final String SECRET_FILE = "card-fingerprint.secret";

    public PaymentSettings {
        Objects.requireNonNull(simulatorLatency, "simulatorLatency");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(fingerprintSecret, "fingerprintSecret");
        Objects.requireNonNull(highAmount, "highAmount");
        if (gatewayAttempts < 1 || gatewayAttempts > 10) {
            throw new IllegalArgumentException(GATEWAY_ATTEMPTS + " must be within 1..10, was " + gatewayAttempts);
        }
        if (riskThreshold < 0 || riskThreshold > 100) {
            throw new IllegalArgumentException(RISK_THRESHOLD + " must be within 0..100, was " + riskThreshold);
        }
        if (fingerprintSecret.length() < CardFingerprints.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(FINGERPRINT_SECRET + " must be at least "
                    + CardFingerprints.MIN_SECRET_LENGTH + " characters");
        }
    }

    /** Defaults with a given latency and secret (tests). */
    public static PaymentSettings defaults(Duration simulatorLatency, String fingerprintSecret) {
        return new PaymentSettings(simulatorLatency, 4, Duration.ofMillis(50), fingerprintSecret,
                RiskScorer.DEFAULT_THRESHOLD, RiskScorer.DEFAULT_HIGH_AMOUNT);
    }

    public static PaymentSettings from(Settings settings) {
        return new PaymentSettings(
                Duration.ofMillis(settings.getLong(LATENCY_MS, SimulatedPaymentGateway.DEFAULT_LATENCY.toMillis())),
                settings.getInt(GATEWAY_ATTEMPTS, 4),
                Duration.ofMillis(settings.getLong(FIRST_BACKOFF_MS, 50)),
                fingerprintSecret(settings),
                settings.getInt(RISK_THRESHOLD, RiskScorer.DEFAULT_THRESHOLD),
                new BigDecimal(settings.get(HIGH_AMOUNT, RiskScorer.DEFAULT_HIGH_AMOUNT.toPlainString())));
    }

    /**
     * The configured secret; else one generated once and kept in {@code <platform.data-dir>/serving-api/}
     * (so fingerprints stay comparable across restarts); else one generated for this process only.
     * Never in PostgreSQL: the secret must not leak with the fingerprints it protects.
     */
    private static String fingerprintSecret(Settings settings) {
        String configured = settings.find(FINGERPRINT_SECRET);
        if (configured != null) {
            return configured;
        }
        String dataDir = settings.find(CommonKeys.DATA_DIR);
        if (dataDir == null) {
            LOG.warn("no {} and no {} configured: card fingerprints use a secret of this process only",
                    FINGERPRINT_SECRET, CommonKeys.DATA_DIR);
            return generatedSecret();
        }
        return secretIn(Path.of(dataDir, "serving-api", SECRET_FILE));
    }

    static String secretIn(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), SECRET_FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, generatedSecret(), StandardCharsets.US_ASCII);
                try {
                    // a concurrent starter may have won; then its secret stands
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException alreadyThere) {
                    LOG.debug("fingerprint secret created concurrently");
                } finally {
                    Files.deleteIfExists(temporary);
                }
                LOG.info("generated the card fingerprint secret in {}", file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the card fingerprint secret " + file, e);
        }
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
