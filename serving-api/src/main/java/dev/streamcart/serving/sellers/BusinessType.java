package dev.streamcart.serving.sellers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.streamcart.serving.problems.DomainException;

/** The legal form of a seller business ({@code sellers.business_type}). */
public enum BusinessType {
    INDIVIDUAL,
    COMPANY,
    PARTNERSHIP,
    NON_PROFIT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BusinessType parse(String raw) {
        for (BusinessType type : values()) {
            if (type.value().equalsIgnoreCase(raw.trim())) {
                return type;
            }
        }
        throw DomainException.invalidInput("'businessType' must be one of "
                + Arrays.stream(values()).map(BusinessType::value).collect(Collectors.joining(", ")) + ", was '" + raw + "'");
    }
}
