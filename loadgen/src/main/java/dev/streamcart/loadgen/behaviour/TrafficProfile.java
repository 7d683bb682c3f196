package dev.streamcart.loadgen.behaviour;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kind of day being simulated. Black Friday brings more shoppers, who also buy more often. */
public enum TrafficProfile {

    NORMAL("normal", 1.0, 1.0),
    BLACK_FRIDAY("black-friday", 4.0, 2.0);

    private final String cliName;
    private final double rateMultiplier;
    private final double conversionMultiplier;

    TrafficProfile(String cliName, double rateMultiplier, double conversionMultiplier) {
        this.cliName = cliName;
        this.rateMultiplier = rateMultiplier;
        this.conversionMultiplier = conversionMultiplier;
    }

    public String cliName() {
        return cliName;
    }

    /** Multiplies the target orders per second. */
    public double rateMultiplier() {
        return rateMultiplier;
    }

    /** Multiplies the share of sessions that end in a checkout. */
    public double conversionMultiplier() {
        return conversionMultiplier;
    }

    public static TrafficProfile parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (TrafficProfile profile : values()) {
            if (profile.cliName.equals(wanted)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown traffic profile '" + name + "', expected one of "
                + Arrays.stream(values()).map(TrafficProfile::cliName).collect(Collectors.joining(", ")));
    }
}
