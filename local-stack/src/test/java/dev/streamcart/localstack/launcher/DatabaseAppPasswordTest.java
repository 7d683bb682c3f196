package dev.streamcart.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import dev.streamcart.localstack.testing.Folders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseAppPasswordTest {

    private Path data;

    @BeforeEach
    void emptyDataFolder() throws IOException {
        data = Folders.emptied(Path.of("target/database-app-password-test").toAbsolutePath());
    }

    @Test
    void theFirstStartGeneratesAPasswordOnlyTheOwnerCanReadAndRestartsKeepIt() throws IOException {
        DatabaseAppPassword first = DatabaseAppPassword.keep(data);
        DatabaseAppPassword restart = DatabaseAppPassword.keep(data);

        assertThat(first.value()).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(restart).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve(DatabaseAppPassword.FILE_NAME)))).isEqualTo("rw-------");
    }

    @Test
    void servingApiReceivesItAsAnEnvironmentVariableAndNothingPrintsIt() {
        DatabaseAppPassword password = DatabaseAppPassword.keep(data);

        assertThat(password.environment()).containsExactly(
                Map.entry("POSTGRES_APP_PASSWORD", password.value()));
        assertThat(password.toString()).doesNotContain(password.value());
    }

    @Test
    void aDataFolderThatLostTheFileGetsANewPassword() throws IOException {
        DatabaseAppPassword first = DatabaseAppPassword.keep(data);
        Files.delete(data.resolve(DatabaseAppPassword.FILE_NAME));

        assertThat(DatabaseAppPassword.keep(data).value()).isNotEqualTo(first.value());
    }
}
