package dev.streamcart.loadgen;

import java.util.Objects;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets configuration (system property, environment variable, STREAMCART_CONFIG file) supply the
 * default of every option: {@code --api-url} is read from {@code loadgen.api-url}
 * ({@code LOADGEN_API_URL}), {@code --data-dir} from the shared {@code platform.data-dir}. An
 * option given on the command line always wins; without either, the option's own default applies.
 */
final class SettingsDefaults implements IDefaultValueProvider {

    static final String PREFIX = "loadgen.";

    private final Settings settings;

    SettingsDefaults(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public @Nullable String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        return settings.find(keyOf(option.longestName()));
    }

    /** The configuration key behind an option: {@code --orders-per-second -> loadgen.orders-per-second}. */
    static String keyOf(String optionName) {
        String bare = optionName.replaceFirst("^-+", "");
        return switch (bare) {
            case "data-dir" -> CommonKeys.DATA_DIR;
            // the same keys serving-api creates the admin account from
            case "admin-email" -> "auth.admin.email";
            case "admin-password" -> "auth.admin.password";
            default -> PREFIX + bare;
        };
    }
}
