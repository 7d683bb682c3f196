package dev.streamcart.serving.reviews;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/**
 * Writing and reading product reviews. Only a verified purchaser reviews: the user must have an
 * order with the product that was paid (PAID, FULFILLING, SHIPPED or DELIVERED); one review per user
 * and product. The product's and seller's ratings change in the review's own transaction.
 */
public final class ProductReviews {

    static final String PURCHASED_STATUSES = "('PAID', 'FULFILLING', 'SHIPPED', 'DELIVERED')";

    private static final String REVIEW_COLUMNS = """
            r.id, r.product_id, r.user_id, u.first_name, u.last_name, r.rating, r.title, r.body, r.helpful_count,
            r.created_at""";

    private final Transactions transactions;

    public ProductReviews(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public Review write(long productId, long userId, NewReview review) {
        return transactions.inTransaction(connection -> {
            if (!Ratings.lockProduct(connection, productId)) {
                throw DomainException.notFound("product", productId);
            }
            long orderId = purchase(connection, productId, userId);
            long reviewId;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO reviews (product_id, user_id, order_id, rating, title, body) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (product_id, user_id) DO NOTHING RETURNING id""")) {
                insert.setLong(1, productId);
                insert.setLong(2, userId);
                insert.setLong(3, orderId);
                insert.setInt(4, review.rating());
                insert.setString(5, review.title());
                insert.setString(6, review.text());
                try (ResultSet row = insert.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.conflict("user " + userId + " has already reviewed product " + productId
                                + "; there is one review per user and product");
                    }
                    reviewId = row.getLong(1);
                }
            }
            Ratings.refresh(connection, productId);
            return load(connection, reviewId);
        });
    }

    public ReviewPage page(long productId, ReviewSort sort, int page, int size) {
        return transactions.read(connection -> {
            String ratingAverage;
            int ratingCount;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT rating_avg, rating_count FROM products WHERE id = ?")) {
                select.setLong(1, productId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.notFound("product", productId);
                    }
                    BigDecimal average = row.getBigDecimal(1);
                    ratingAverage = average == null ? null : average.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
                    ratingCount = row.getInt(2);
                }
            }
            List<Review> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + REVIEW_COLUMNS
                    + " FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.product_id = ? ORDER BY "
                    + sort.orderBy() + " LIMIT ? OFFSET ?")) {
                select.setLong(1, productId);
                select.setInt(2, size);
                select.setLong(3, (long) page * size);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(read(rows, List.of()));
                    }
                }
            }
            long total = count(connection, productId);
            return new ReviewPage(productId, ratingAverage, ratingCount, sort.name().toLowerCase(Locale.ROOT),
                    page, size, total, withPhotos(connection, items));
        });
    }

    /** Counts the caller's "helpful" vote once; the author's own vote is refused. */
    public HelpfulVote markHelpful(long reviewId, long userId) {
        return transactions.inTransaction(connection -> {
            long author;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT user_id FROM reviews WHERE id = ? FOR NO KEY UPDATE")) {
                select.setLong(1, reviewId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.notFound("review", reviewId);
                    }
                    author = row.getLong(1);
                }
            }
            if (author == userId) {
                throw DomainException.unprocessable("an author cannot vote for their own review");
            }
            boolean counted;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO review_votes (review_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                insert.setLong(1, reviewId);
                insert.setLong(2, userId);
                counted = insert.executeUpdate() == 1;
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE reviews SET helpful_count = (SELECT count(*) FROM review_votes WHERE review_id = ?)
                    WHERE id = ? RETURNING helpful_count""")) {
                update.setLong(1, reviewId);
                update.setLong(2, reviewId);
                try (ResultSet row = update.executeQuery()) {
                    row.next();
                    return new HelpfulVote(reviewId, row.getInt(1), counted);
                }
            }
        });
    }

    /** The most recent paid order of the user holding the product; 403 when there is none. */
    private static long purchase(Connection connection, long productId, long userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT o.id FROM orders o JOIN order_items oi ON oi.order_id = o.id"
                + " WHERE o.user_id = ? AND oi.product_id = ? AND o.status IN " + PURCHASED_STATUSES
                + " ORDER BY o.created_at DESC, o.id DESC LIMIT 1")) {
            select.setLong(1, userId);
            select.setLong(2, productId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new DomainException(ProblemKind.FORBIDDEN, "only verified purchasers review: user " + userId
                            + " has no paid order with product " + productId);
                }
                return row.getLong(1);
            }
        }
    }

    static Review load(Connection connection, long reviewId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + REVIEW_COLUMNS
                + " FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.id = ?")) {
            select.setLong(1, reviewId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.notFound("review", reviewId);
                }
                return withPhotos(connection, List.of(read(row, List.of()))).get(0);
            }
        }
    }

    private static long count(Connection connection, long productId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM reviews WHERE product_id = ?")) {
            count.setLong(1, productId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static List<Review> withPhotos(Connection connection, List<Review> reviews) throws SQLException {
        if (reviews.isEmpty()) {
            return reviews;
        }
        Map<Long, List<ReviewPhoto>> photos = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT review_id, sha256, content_type, size_bytes FROM review_photos
                WHERE review_id = ANY (?) ORDER BY created_at, sha256""")) {
            select.setArray(1, connection.createArrayOf("bigint", reviews.stream().map(Review::id).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String sha256 = rows.getString(2);
                    photos.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(new ReviewPhoto(sha256,
                            "/api/photos/" + sha256, rows.getString(3), rows.getInt(4)));
                }
            }
        }
        return reviews.stream().map(review -> new Review(review.id(), review.productId(), review.userId(), review.author(),
                review.rating(), review.title(), review.text(), review.helpfulCount(), review.verifiedPurchase(),
                review.createdAt(), photos.getOrDefault(review.id(), List.of()))).toList();
    }

    private static Review read(ResultSet row, List<ReviewPhoto> photos) throws SQLException {
        String lastName = row.getString("last_name");
        String author = row.getString("first_name") + (lastName.isEmpty() ? "" : " " + lastName.charAt(0) + ".");
        return new Review(row.getLong("id"), row.getLong("product_id"), row.getLong("user_id"), author,
                row.getInt("rating"), row.getString("title"), row.getString("body"), row.getInt("helpful_count"), true,
                row.getTimestamp("created_at").toInstant(), photos);
    }
}
