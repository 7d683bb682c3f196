package dev.streamcart.serving.search;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.money.Money;
import org.jspecify.annotations.Nullable;

/**
 * Product search on PostgreSQL: full text over the generated, weighted {@code search_document}
 * (GIN index) with {@code websearch_to_tsquery}, the category subtree (resolved first by a recursive
 * CTE, then matched as a list of ids), price,
 * brand, rating and stock filters, then one page and the facet counts of the whole filtered set
 * (one pass with GROUPING SETS). Only active products are found.
 *
 * <p>In stock means some warehouse holds an unreserved unit: per inventory row reserved never
 * exceeds quantity, so sum(quantity - reserved) > 0 exactly when one row has quantity > reserved.
 * A trigger on inventory keeps that answer in {@code products.in_stock} (V16), written only when it
 * flips, so filters and facet counts read a column instead of joining the inventory.
 */
public final class ProductSearch {

    /** Lower edges of the price facet's ranges after the first (which starts at 0). */
    static final List<BigDecimal> PRICE_EDGES = List.of(new BigDecimal("10.00"), new BigDecimal("25.00"),
            new BigDecimal("50.00"), new BigDecimal("100.00"), new BigDecimal("250.00"), new BigDecimal("500.00"));
    static final int MAX_BRANDS = 20;
    static final int MAX_CATEGORIES = 50;

    private static final String PRICE_BUCKET = "width_bucket(p.price, ARRAY[10, 25, 50, 100, 250, 500]::numeric[])";

    private final Transactions transactions;
    private final @Nullable Cache<Filter, Counts> facetCache;

    /**
     * {@code facetTimeToLive} > 0 keeps the total and facet counts of a filter for that long (the page
     * of items is always read fresh): counting a large filtered set is the expensive part of a
     * search, and counts a few seconds old are fine for a storefront. Zero computes them every time.
     */
    public ProductSearch(Transactions transactions, Duration facetTimeToLive) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.facetCache = facetTimeToLive.isZero() ? null
                : Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(facetTimeToLive).build();
    }

    public SearchResult search(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        return transactions.read(connection -> {
            Filter filter = Filter.of(request, request.categoryId() == null ? null : subtree(connection, request.categoryId()));
            List<SearchResult.Hit> items = page(connection, request, filter);
            Counts counts = facetCache == null ? counts(connection, filter) : cachedCounts(connection, filter);
            long totalPages = (counts.total() + request.size() - 1) / request.size();
            return new SearchResult(counts.total(), request.page(), request.size(), totalPages,
                    request.effectiveSort().wireName(), items, counts.facets());
        });
    }

    /** The WHERE clause of a request and its parameters, shared by the page and the facet queries. */
    private record Filter(String from, String where, List<Object> parameters, boolean text, @Nullable Boolean inStock) {

        /** {@code categories}: the ids of the requested category's subtree (null: no category filter). */
        static Filter of(SearchRequest request, Long @Nullable [] categories) {
            List<Object> parameters = new ArrayList<>();
            StringBuilder from = new StringBuilder(" FROM products p");
            StringBuilder where = new StringBuilder(" WHERE p.is_active");
            if (request.text() != null) {
                from.append(" CROSS JOIN websearch_to_tsquery('english', ?) AS query");
                parameters.add(request.text());
                where.append(" AND p.search_document @@ query");
            }
            if (categories != null) {
                // the ids themselves, not a subquery: the planner then estimates the rows from the
                // column statistics and keeps to the category index for a small subtree
                where.append(" AND p.category_id = ANY (?)");
                parameters.add(categories);
            }
            if (request.minPrice() != null) {
                where.append(" AND p.price >= ?");
                parameters.add(request.minPrice());
            }
            if (request.maxPrice() != null) {
                where.append(" AND p.price <= ?");
                parameters.add(request.maxPrice());
            }
            if (request.brand() != null) {
                where.append(" AND p.brand = ?");
                parameters.add(request.brand());
            }
            if (request.minRating() != null) {
                where.append(" AND p.rating_avg >= ?");
                parameters.add(request.minRating());
            }
            if (request.inStock() != null) {
                where.append(request.inStock() ? " AND p.in_stock" : " AND NOT p.in_stock");
            }
            return new Filter(from.toString(), where.toString(), List.copyOf(parameters), request.text() != null,
                    request.inStock());
        }

        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Object parameter : parameters) {
                if (parameter instanceof Long[] ids) {
                    statement.setArray(index++, statement.getConnection().createArrayOf("bigint", ids));
                } else {
                    statement.setObject(index++, parameter);
                }
            }
            return index;
        }

        // Long[] has identity equality; the facet cache needs equal filters to be equal keys
        @Override
        public boolean equals(Object other) {
            return other instanceof Filter that && where.equals(that.where) && from.equals(that.from)
                    && Objects.equals(inStock, that.inStock)
                    && Arrays.deepEquals(parameters.toArray(), that.parameters.toArray());
        }

        @Override
        public int hashCode() {
            return Objects.hash(where, from, Arrays.deepHashCode(parameters.toArray()));
        }
    }

    /** The category and every category below it (empty when it does not exist). */
    private static Long[] subtree(Connection connection, long categoryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                WITH RECURSIVE subtree (id) AS (
                    SELECT id FROM categories WHERE id = ?
                    UNION
                    SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
                SELECT id FROM subtree""")) {
            select.setLong(1, categoryId);
            try (ResultSet rows = select.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
                return ids.toArray(Long[]::new);
            }
        }
    }

    private static List<SearchResult.Hit> page(Connection connection, SearchRequest request, Filter filter)
            throws SQLException {
        SearchSort sort = request.effectiveSort();
        String score = filter.text() ? "ts_rank_cd(p.search_document, query, 32)" : "NULL::real";
        // the inner query finds the page's ids; image and stock are looked up for those rows only
        String sql = """
                SELECT r.id, r.name, r.brand, r.price, r.currency, r.category_id, r.rating_avg, r.rating_count, r.score,
                       r.in_stock,
                       (SELECT im.url FROM product_images im WHERE im.product_id = r.id ORDER BY im.position LIMIT 1)
                FROM (SELECT p.id, p.name, p.brand, p.price, p.currency, p.category_id, p.rating_avg, p.rating_count,
                             p.created_at, p.in_stock, %s AS score""".formatted(score)
                + filter.from() + filter.where()
                + " ORDER BY " + order(sort, "p.", score) + " LIMIT ? OFFSET ?) r ORDER BY " + order(sort, "r.", "r.score");
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int next = filter.bind(select);
            select.setInt(next++, request.size());
            select.setInt(next, request.offset());
            try (ResultSet rows = select.executeQuery()) {
                List<SearchResult.Hit> hits = new ArrayList<>();
                while (rows.next()) {
                    BigDecimal rating = rows.getBigDecimal(7);
                    double relevance = rows.getDouble(9);
                    Double scoreValue = rows.wasNull() ? null : relevance;
                    hits.add(new SearchResult.Hit(rows.getLong(1), rows.getString(2), rows.getString(3),
                            Money.format(rows.getBigDecimal(4)), rows.getString(5).trim(), rows.getLong(6),
                            rating == null ? null : rating.toPlainString(), rows.getInt(8), rows.getBoolean(10),
                            rows.getString(11), scoreValue));
                }
                return hits;
            }
        }
    }

    private static String order(SearchSort sort, String prefix, String score) {
        return switch (sort) {
            case RELEVANCE -> score + " DESC, " + prefix + "id";
            case PRICE_ASC -> prefix + "price, " + prefix + "id";
            case PRICE_DESC -> prefix + "price DESC, " + prefix + "id";
            case RATING -> prefix + "rating_avg DESC NULLS LAST, " + prefix + "rating_count DESC, " + prefix + "id";
            case NEWEST -> prefix + "created_at DESC, " + prefix + "id DESC";
        };
    }

    private record FacetRows(long total, Map<Long, Long> categories, Map<String, Long> brands, long[] priceBuckets,
                             long inStock, long outOfStock) {

        SearchResult.Facets toFacets(Connection connection) throws SQLException {
            Map<Long, String> names = categoryNames(connection, categories.keySet());
            List<SearchResult.CategoryCount> categoryCounts = categories.entrySet().stream()
                    .sorted(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_CATEGORIES)
                    .map(entry -> new SearchResult.CategoryCount(entry.getKey(),
                            names.getOrDefault(entry.getKey(), ""), entry.getValue()))
                    .toList();
            List<SearchResult.BrandCount> brandCounts = brands.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_BRANDS)
                    .map(entry -> new SearchResult.BrandCount(entry.getKey(), entry.getValue()))
                    .toList();
            List<SearchResult.PriceRangeCount> ranges = new ArrayList<>();
            for (int bucket = 0; bucket <= PRICE_EDGES.size(); bucket++) {
                BigDecimal from = bucket == 0 ? BigDecimal.ZERO : PRICE_EDGES.get(bucket - 1);
                BigDecimal to = bucket == PRICE_EDGES.size() ? null : PRICE_EDGES.get(bucket);
                ranges.add(new SearchResult.PriceRangeCount(Money.format(from.setScale(2)),
                        to == null ? null : Money.format(to), priceBuckets[bucket]));
            }
            return new SearchResult.Facets(categoryCounts, brandCounts, ranges,
                    new SearchResult.Availability(inStock, outOfStock));
        }
    }

    /** The total and the facets of one filter. */
    private record Counts(long total, SearchResult.Facets facets) {}

    private Counts cachedCounts(Connection connection, Filter filter) throws SQLException {
        Counts cached = Objects.requireNonNull(facetCache).getIfPresent(filter);
        if (cached != null) {
            return cached;
        }
        Counts computed = counts(connection, filter);
        facetCache.put(filter, computed);
        return computed;
    }

    private static Counts counts(Connection connection, Filter filter) throws SQLException {
        FacetRows rows = facets(connection, filter);
        return new Counts(rows.total(), rows.toFacets(connection));
    }

    private static FacetRows facets(Connection connection, Filter filter) throws SQLException {
        // availability is the products.in_stock flag the inventory trigger keeps (V16): no join
        String sql = """
                SELECT GROUPING(f.category_id), GROUPING(f.brand), GROUPING(f.bucket), GROUPING(f.in_stock),
                       f.category_id, f.brand, f.bucket, f.in_stock, count(*)
                FROM (SELECT p.category_id, p.brand, %s AS bucket, p.in_stock""".formatted(PRICE_BUCKET)
                + filter.from() + filter.where() + """
                ) f
                GROUP BY GROUPING SETS ((), (f.category_id), (f.brand), (f.bucket), (f.in_stock))""";
        long total = 0;
        Map<Long, Long> categories = new HashMap<>();
        Map<String, Long> brands = new HashMap<>();
        long[] buckets = new long[PRICE_EDGES.size() + 1];
        long inStock = 0;
        long outOfStock = 0;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            filter.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long count = rows.getLong(9);
                    if (rows.getInt(1) == 0) {
                        categories.put(rows.getLong(5), count);
                    } else if (rows.getInt(2) == 0) {
                        String brand = rows.getString(6);
                        if (brand != null) {
                            brands.put(brand, count);
                        }
                    } else if (rows.getInt(3) == 0) {
                        buckets[rows.getInt(7)] = count;
                    } else if (rows.getInt(4) == 0) {
                        if (rows.getBoolean(8)) {
                            inStock = count;
                        } else {
                            outOfStock = count;
                        }
                    } else {
                        total = count;
                    }
                }
            }
        }
        return new FacetRows(total, categories, brands, buckets, inStock, outOfStock);
    }

    private static Map<Long, String> categoryNames(Connection connection, Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> names = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, name FROM categories WHERE id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("bigint", ids.stream().sorted(Comparator.naturalOrder()).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return names;
    }
}
