package dev.streamcart.recommender.models;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Names of model versions: {@code v} + UTC {@code yyyyMMdd-HHmmss-SSS} of the training run, so
 * that names sort by time.
 */
public final class ModelVersion {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("v\\d{8}-\\d{6}-\\d{3}");

    private ModelVersion() {}

    public static String nameFor(Instant trainedAt) {
        return "v" + FORMAT.format(trainedAt);
    }

    public static boolean isVersionName(String name) {
        return NAME.matcher(name).matches();
    }
}
