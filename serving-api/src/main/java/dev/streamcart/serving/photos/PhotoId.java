package dev.streamcart.serving.photos;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.streamcart.serving.problems.DomainException;

/** The name of a photo in the store: the lower-case hex SHA-256 of its bytes. */
public record PhotoId(String sha256) {

    private static final Pattern HEX_SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    public PhotoId {
        if (sha256 == null || !HEX_SHA256.matcher(sha256).matches()) {
            throw DomainException.invalidInput("a photo id is the 64 lower-case hex digits of a SHA-256, was '"
                    + sha256 + "'");
        }
    }

    public static PhotoId of(byte[] bytes) {
        try {
            return new PhotoId(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Where the API serves it. */
    public String url() {
        return "/api/photos/" + sha256;
    }

    @Override
    public String toString() {
        return sha256;
    }
}
