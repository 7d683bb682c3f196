package dev.streamcart.serving.photos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * A photo as uploaded, ready to store: the raw request body, with a Content-Type of image/jpeg,
 * image/png or image/webp that the bytes themselves confirm, at most {@link #MAX_BYTES}, then
 * without its metadata ({@link PhotoMetadata}: no GPS position, camera or date is ever stored or
 * served). Everything is checked before anything is stored: a wrong type or a broken file is a
 * 415, a body over the limit a 413 (read no further than the limit, so an endless body costs
 * nothing).
 */
public record PhotoUpload(PhotoType type, byte[] bytes) {

    public static final int MAX_BYTES = 5 * 1024 * 1024;

    public PhotoUpload {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bytes, "bytes");
    }

    public static PhotoUpload from(Context ctx) {
        PhotoType declared = declaredType(ctx.header("Content-Type"));
        long length = ctx.contentLength();
        if (length > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream body = ctx.req().getInputStream()) {
            bytes = body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded photo", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            throw DomainException.invalidInput("the request body must be the photo's bytes; it is empty");
        }
        PhotoType actual = PhotoType.detect(bytes).orElseThrow(() -> unsupported(
                "the bytes are not a JPEG, PNG or WebP image"));
        if (actual != declared) {
            throw unsupported("the Content-Type says " + declared.contentType() + " but the bytes are "
                    + actual.contentType());
        }
        return new PhotoUpload(actual, PhotoMetadata.strip(actual, bytes));
    }

    private static PhotoType declaredType(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw unsupported("send the photo as the request body with Content-Type image/jpeg, image/png or image/webp");
        }
        return PhotoType.ofContentType(header).orElseThrow(() -> unsupported("Content-Type " + header.trim()
                + " is not accepted: send the photo as the request body with Content-Type image/jpeg, image/png or image/webp"));
    }

    private static DomainException tooLarge() {
        return new DomainException(ProblemKind.PAYLOAD_TOO_LARGE, "a photo may have at most " + MAX_BYTES
                + " bytes (5 MiB)");
    }

    private static DomainException unsupported(String detail) {
        return new DomainException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, detail);
    }

    @Override
    public String toString() {
        return "PhotoUpload[" + type + ", " + bytes.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhotoUpload that && type == that.type && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(bytes);
    }
}
