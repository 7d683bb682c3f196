package dev.streamcart.serving.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import dev.streamcart.localstack.testing.Folders;
import org.junit.jupiter.api.Test;

class CardFingerprintsTest {

    @Test
    void aFingerprintIsAStableKeyedHashThatDoesNotContainTheNumber() {
        CardFingerprints fingerprints = new CardFingerprints("a secret of sixteen+");
        String fingerprint = fingerprints.of(CardNumber.parse("4242 4242 4242 4242"));

        assertThat(fingerprint).hasSize(64).matches("[0-9a-f]{64}").doesNotContain("4242424242424242");
        assertThat(fingerprints.of(CardNumber.parse("4242424242424242"))).isEqualTo(fingerprint);
        assertThat(fingerprints.of(CardNumber.parse("4000000000000002"))).isNotEqualTo(fingerprint);
        assertThat(new CardFingerprints("another secret of sixteen").of(CardNumber.parse("4242424242424242")))
                .as("another secret, another fingerprint").isNotEqualTo(fingerprint);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new CardFingerprints("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGeneratedSecretIsKeptInTheDataDirAndReusedAfterARestart() throws Exception {
        Path folder = Path.of("target", "it-data", "CardFingerprintsTest").toAbsolutePath();
        Folders.delete(folder);
        Path file = folder.resolve("serving-api").resolve(PaymentSettings.SECRET_FILE);

        String first = PaymentSettings.secretIn(file);
        String second = PaymentSettings.secretIn(file);

        assertThat(first).hasSizeGreaterThanOrEqualTo(CardFingerprints.MIN_SECRET_LENGTH).isEqualTo(second);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        Folders.delete(folder);
    }
}
