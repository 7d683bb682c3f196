package dev.streamcart.serving.users;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;

/** Stores {@link Preferences} in {@code user_preferences}, one row per user, replaced as a whole. */
public final class UserPreferences {

    private final Transactions transactions;
    private final LongConsumer changed;

    public UserPreferences(Transactions transactions) {
        this(transactions, userId -> { });
    }

    /** {@code changed} hears of each user whose preferences were replaced, after the commit. */
    public UserPreferences(Transactions transactions, LongConsumer changed) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    public Preferences find(long userId) {
        return transactions.read(connection -> {
            requireUser(connection, userId);
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT language, currency, marketing_emails, favourite_category_ids
                    FROM user_preferences WHERE user_id = ?""")) {
                select.setLong(1, userId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Preferences.DEFAULTS;
                    }
                    Long[] favourites = (Long[]) row.getArray("favourite_category_ids").getArray();
                    return new Preferences(row.getString("language"), row.getString("currency"),
                            row.getBoolean("marketing_emails"), Arrays.asList(favourites));
                }
            }
        });
    }

    public Preferences replace(long userId, Preferences preferences) {
        Preferences stored = transactions.inTransaction(connection -> {
            requireUser(connection, userId);
            requireCategories(connection, preferences.favouriteCategoryIds());
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO user_preferences (user_id, language, currency, marketing_emails, favourite_category_ids)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, currency = EXCLUDED.currency,
                        marketing_emails = EXCLUDED.marketing_emails,
                        favourite_category_ids = EXCLUDED.favourite_category_ids, updated_at = now()""")) {
                upsert.setLong(1, userId);
                upsert.setString(2, preferences.language());
                upsert.setString(3, preferences.currency());
                upsert.setBoolean(4, preferences.marketingEmails());
                upsert.setArray(5, connection.createArrayOf("bigint", preferences.favouriteCategoryIds().toArray()));
                upsert.executeUpdate();
            }
            return preferences;
        });
        changed.accept(userId);
        return stored;
    }

    private static void requireUser(Connection connection, long userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.notFound("user", userId);
                }
            }
        }
    }

    /** 422 naming every favourite category that does not exist. */
    private static void requireCategories(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> missing = new ArrayList<>(ids);
        Array array = connection.createArrayOf("bigint", ids.toArray());
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM categories WHERE id = ANY (?)")) {
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getLong(1));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw DomainException.unprocessable("'favouriteCategoryIds' names categories that do not exist: " + missing);
        }
    }
}
