package dev.streamcart.serving.users;

import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.streamcart.serving.problems.DomainException;

/**
 * What a user chose: interface language (a BCP 47 tag such as "en" or "pt-BR"), display currency,
 * whether marketing e-mails may be sent, and favourite categories. Accounts that never chose get
 * {@link #DEFAULTS}.
 */
public record Preferences(String language, String currency, boolean marketingEmails, List<Long> favouriteCategoryIds) {

    // before DEFAULTS: the constructor of DEFAULTS uses it
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Z]{2})?$");

    public static final int MAX_FAVOURITE_CATEGORIES = 50;
    public static final Preferences DEFAULTS = new Preferences("en", "USD", false, List.of());

    public Preferences {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(currency, "currency");
        favouriteCategoryIds = List.copyOf(favouriteCategoryIds);
        if (!LANGUAGE.matcher(language).matches()) {
            throw DomainException.invalidInput("'language' must be a language tag such as en, de or pt-BR, was '"
                    + language + "'");
        }
        currency = currency.toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidInput("'currency' must be an ISO 4217 code such as USD, was '" + currency + "'");
        }
        if (favouriteCategoryIds.size() > MAX_FAVOURITE_CATEGORIES) {
            throw DomainException.invalidInput("'favouriteCategoryIds' must have at most " + MAX_FAVOURITE_CATEGORIES
                    + " entries");
        }
    }
}
