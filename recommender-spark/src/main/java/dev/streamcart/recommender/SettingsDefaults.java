package dev.streamcart.recommender;

import java.util.Objects;

import dev.streamcart.schemas.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the CLI's options from the platform's configuration: an option whose
 * {@code descriptionKey} is a configuration key ({@code postgres.jdbc-url}) takes its default
 * from that key (system property, environment variable, config file), else from its annotation.
 */
final class SettingsDefaults implements CommandLine.IDefaultValueProvider {

    private final Settings settings;

    SettingsDefaults(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (argument instanceof OptionSpec option && !option.descriptionKey().isEmpty()) {
            return settings.find(option.descriptionKey());
        }
        return null;
    }
}
