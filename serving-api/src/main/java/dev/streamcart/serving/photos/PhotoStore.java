package dev.streamcart.serving.photos;

import java.util.Optional;

/**
 * A content-addressed store of photo bytes: a photo is named by the SHA-256 of its bytes, so the
 * same bytes are stored once however often they are uploaded, and a name never changes meaning
 * (which is why photos may be cached forever).
 *
 * <p>{@link LocalPhotoStore} keeps them in a folder. The production alternative is an
 * S3-compatible bucket (AWS S3, MinIO, Ceph RGW): {@code put} becomes a PutObject of key
 * {@code photos/ab/cdef...} (with {@code If-None-Match: *} so an existing object is not rewritten),
 * {@code read} a GetObject, and photos are best served to browsers straight from the bucket or a CDN
 * in front of it. That implementation is not part of this build.
 */
public interface PhotoStore {

    /** Stores the bytes (if not stored yet) and returns their name. */
    PhotoId put(byte[] bytes);

    /** The bytes stored under {@code id}, or empty. */
    Optional<byte[]> read(PhotoId id);
}
