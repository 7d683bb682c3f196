package dev.streamcart.localstack.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;

/**
 * The password of the PostgreSQL role serving-api's pool connects as (created by its migrations;
 * the migrations and every other service keep the owner). Generated on a platform's first start
 * and kept, readable by the owner only, in the data folder; serving-api sets it on the role at each
 * start, so a data folder that lost the file simply gets a new one. Nobody types it, so unlike the
 * admin password no environment variable chooses it.
 */
public record DatabaseAppPassword(String value) {

    static final String FILE_NAME = "postgres-app-password";

    public DatabaseAppPassword {
        Objects.requireNonNull(value, "value");
    }

    public static DatabaseAppPassword keep(Path dataDirectory) {
        return new DatabaseAppPassword(KeptSecret.readOrGenerate(dataDirectory.resolve(FILE_NAME)).value());
    }

    /**
     * How serving-api receives it: an environment variable ({@code POSTGRES_APP_PASSWORD}), never a
     * command-line argument, which every user of the machine can read with {@code ps}.
     */
    public Map<String, String> environment() {
        return Map.of(Settings.environmentName(CommonKeys.JDBC_APP_PASSWORD), value);
    }

    @Override
    public String toString() {
        return "DatabaseAppPassword[kept in " + FILE_NAME + "]";
    }
}
