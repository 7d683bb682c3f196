package dev.streamcart.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.streamcart.localstack.testing.Folders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

    private Path data;

    @BeforeEach
    void emptyDataFolder() throws IOException {
        data = Folders.emptied(Path.of("target/admin-credentials-test").toAbsolutePath());
    }

    @Test
    void aStartWithoutTheVariableKeepsAGeneratedPasswordThatCommandsUse() {
        AdminCredentials started = AdminCredentials.resolve(data, null);

        AdminCredentials command = AdminCredentials.forRunningPlatform(data, null);

        assertThat(started.source()).isEqualTo(AdminCredentials.Source.GENERATED);
        assertThat(command.password()).isEqualTo(started.password());
        assertThat(command.source()).isEqualTo(AdminCredentials.Source.SAVED);
    }

    @Test
    void aStartWithTheVariableDeletesTheOutdatedKeptPassword() {
        AdminCredentials.resolve(data, null);

        AdminCredentials started = AdminCredentials.resolve(data, "operator-chosen-secret");

        assertThat(started.password()).isEqualTo("operator-chosen-secret");
        assertThat(Files.exists(data.resolve(AdminCredentials.FILE_NAME))).isFalse();
    }

    @Test
    void aCommandWithoutTheVariableAgainstSuchAPlatformSaysWhatToSetInsteadOfSigningInWithAnOldPassword() {
        AdminCredentials.resolve(data, null);
        AdminCredentials.resolve(data, "operator-chosen-secret");

        assertThatThrownBy(() -> AdminCredentials.forRunningPlatform(data, null))
                .isInstanceOf(AdminSignInRefused.class)
                .hasMessage("the running platform was started with PLATFORM_ADMIN_PASSWORD: run this command with the same"
                        + " PLATFORM_ADMIN_PASSWORD set");
        assertThat(AdminCredentials.forRunningPlatform(data, "operator-chosen-secret").password())
                .isEqualTo("operator-chosen-secret");
    }
}
