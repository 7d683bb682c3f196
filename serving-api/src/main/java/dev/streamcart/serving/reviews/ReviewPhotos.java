package dev.streamcart.serving.reviews;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.photos.PhotoId;
import dev.streamcart.serving.photos.PhotoStore;
import dev.streamcart.serving.photos.PhotoUpload;
import dev.streamcart.serving.problems.DomainException;

/**
 * Attaches photos to a review: only its author (or an admin) may, at most {@link #MAX_PER_REVIEW}.
 * The review row is locked while its photos are counted, so concurrent uploads cannot pass the
 * limit. The bytes go to the {@link PhotoStore} before the row is written: if the transaction then
 * fails, the store keeps bytes nothing points at, which is harmless (the next upload of the same
 * bytes reuses them) and never the reverse, a row pointing at missing bytes.
 */
public final class ReviewPhotos {

    public static final int MAX_PER_REVIEW = 6;

    /** The photo, and whether this upload attached it (false: the review already had these bytes). */
    public record Attached(ReviewPhoto photo, boolean added) {}

    private final Transactions transactions;
    private final PhotoStore store;

    public ReviewPhotos(Transactions transactions, PhotoStore store) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.store = Objects.requireNonNull(store, "store");
    }

    public Attached attach(long reviewId, Principal caller, PhotoUpload upload) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT user_id, (SELECT count(*) FROM review_photos p WHERE p.review_id = r.id)
                    FROM reviews r WHERE id = ? FOR NO KEY UPDATE""")) {
                select.setLong(1, reviewId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || !caller.mayActFor(row.getLong(1))) {
                        throw Access.notYours("review", reviewId);
                    }
                    if (row.getLong(2) >= MAX_PER_REVIEW && !hasPhoto(connection, reviewId, PhotoId.of(upload.bytes()))) {
                        throw DomainException.conflict("a review has at most " + MAX_PER_REVIEW + " photos");
                    }
                }
            }
            PhotoId id = store.put(upload.bytes());
            boolean added;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO review_photos (review_id, sha256, content_type, size_bytes) VALUES (?, ?, ?, ?)
                    ON CONFLICT (review_id, sha256) DO NOTHING""")) {
                insert.setLong(1, reviewId);
                insert.setString(2, id.sha256());
                insert.setString(3, upload.type().contentType());
                insert.setInt(4, upload.bytes().length);
                added = insert.executeUpdate() == 1;
            }
            return new Attached(new ReviewPhoto(id.sha256(), id.url(), upload.type().contentType(),
                    upload.bytes().length), added);
        });
    }

    private static boolean hasPhoto(Connection connection, long reviewId, PhotoId id)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM review_photos WHERE review_id = ? AND sha256 = ?")) {
            select.setLong(1, reviewId);
            select.setString(2, id.sha256());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
