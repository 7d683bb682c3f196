package dev.streamcart.serving.search;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
 * CTE, then matched as a list of ids), price, brand, rating and stock filters. Only active products
 * are found.
 *
 * <p>One scan of the filtered set per search, bounded like a search engine's hit counting
 * (Elasticsearch's {@code track_total_hits}): it reads the narrow columns of at most
 * {@link #DEFAULT_EXACT_LIMIT} + 1 matches. When no more match, the total, the facets and the
 * relevance order are exact and come from that one scan (the page is sorted here, then its display
 * columns are read by id). When more match, the total is reported as "at least" the limit
 * ({@code totalRelation: gte}), the facets count the matches examined, relevance ranks those, and
 * the other sorts still read their page from the whole filtered set in index order. Measured at 1M
 * products, the cost of a search was the heap rows it visited, twice (page, then facets), and
 * without a bound a broad query ("sold" matches every description) visited them all.
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
    /** Matches counted exactly, as Elasticsearch's default track_total_hits; also the deepest page. */
    public static final int DEFAULT_EXACT_LIMIT = SearchRequest.MAX_OFFSET;

    private final Transactions transactions;
    private final @Nullable Cache<Filter, Counts> facetCache;
    private final int exactLimit;

    /**
     * {@code facetTimeToLive} > 0 keeps the total and facet counts of a filter for that long (the page
     * of items is always read fresh), so a repeated browse with a sort other than relevance reads only
     * its page. Zero computes them every time.
     */
    public ProductSearch(Transactions transactions, Duration facetTimeToLive) {
        this(transactions, facetTimeToLive, DEFAULT_EXACT_LIMIT);
    }

    /** {@code exactLimit}: how many matches are counted exactly (tests use a small one). */
    ProductSearch(Transactions transactions, Duration facetTimeToLive, int exactLimit) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        if (exactLimit < 1) {
            throw new IllegalArgumentException("exactLimit must be positive, was " + exactLimit);
        }
        this.exactLimit = exactLimit;
        this.facetCache = facetTimeToLive.isZero() ? null
                : Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(facetTimeToLive).build();
    }

    public SearchResult search(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        return transactions.inTransaction(connection -> {
            // One snapshot for the scan and the page's rows read after it. JIT compilation costs tens
            // of milliseconds, more than these queries; and the best plan depends on the values (how
            // common a word is, how large a subtree), so a generic plan of a prepared statement is
            // never the right one.
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;"
                        + " SET LOCAL jit = off; SET LOCAL plan_cache_mode = force_custom_plan");
            }
            Filter filter = Filter.of(request, request.categoryId() == null ? null : subtree(connection, request.categoryId()));
            SearchSort sort = request.effectiveSort();
            Counts cached = facetCache == null || sort == SearchSort.RELEVANCE ? null : facetCache.getIfPresent(filter);
            if (cached != null) {
                return result(request, cached, page(connection, request, filter));
            }
            Matches matches = matches(connection, filter, exactLimit);
            Counts counts = counts(connection, matches);
            if (facetCache != null) {
                facetCache.put(filter, counts);
            }
            // every match is in hand (or relevance, which ranks the examined ones): sort them here;
            // otherwise the page comes from the whole filtered set, in index order
            List<SearchResult.Hit> items = !matches.exhaustive() && sort != SearchSort.RELEVANCE
                    ? page(connection, request, filter)
                    : hits(connection, matches.page(sort, request.offset(), request.size()), matches.scored());
            return result(request, counts, items);
        });
    }

    private static SearchResult result(SearchRequest request, Counts counts, List<SearchResult.Hit> items) {
        long totalPages = (counts.total() + request.size() - 1) / request.size();
        return new SearchResult(counts.total(), counts.exact() ? SearchResult.EXACT : SearchResult.AT_LEAST,
                request.page(), request.size(), totalPages, request.effectiveSort().wireName(), items, counts.facets());
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

    /** One matching product's narrow columns: what the facets count and the sorts order by. */
    private record Match(long id, long categoryId, @Nullable String brand, BigDecimal price, boolean inStock,
                         @Nullable BigDecimal rating, int ratingCount, Instant createdAt, double score) {}

    /** The matches examined; {@code exhaustive}: no other product matches; {@code scored}: a text query ranked them. */
    private record Matches(List<Match> rows, boolean exhaustive, boolean scored) {

        /**
         * The orders of {@link #order}, exactly. A ts_rank_cd real read as a double keeps its order and
         * its ties, and is the number the page query answered before.
         */
        private static Comparator<Match> comparator(SearchSort sort) {
            Comparator<Match> byId = Comparator.comparingLong(Match::id);
            return switch (sort) {
                case RELEVANCE -> Comparator.comparing(Match::score, Comparator.reverseOrder()).thenComparing(byId);
                case PRICE_ASC -> Comparator.comparing(Match::price).thenComparing(byId);
                case PRICE_DESC -> Comparator.comparing(Match::price, Comparator.reverseOrder()).thenComparing(byId);
                case RATING -> Comparator.comparing(Match::rating, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
                        .thenComparing(Comparator.comparingInt(Match::ratingCount).reversed()).thenComparing(byId);
                case NEWEST -> Comparator.comparing(Match::createdAt, Comparator.reverseOrder())
                        .thenComparing(byId.reversed());
            };
        }

        List<Match> page(SearchSort sort, int offset, int size) {
            if (offset >= rows.size()) {
                return List.of();
            }
            // a partial sort would do, but a page is at most 100 of at most 10,000 narrow rows
            return rows.stream().sorted(comparator(sort)).skip(offset).limit(size).toList();
        }
    }

    /** At most {@code limit} matches (one more is read to learn whether there are others). */
    private static Matches matches(Connection connection, Filter filter, int limit) throws SQLException {
        String score = filter.text() ? "ts_rank_cd(p.search_document, query, 32)" : "NULL::real";
        String sql = "SELECT p.id, p.category_id, p.brand, p.price, p.in_stock, p.rating_avg, p.rating_count, p.created_at, "
                + score + filter.from() + filter.where() + " LIMIT ?";
        List<Match> rows = new ArrayList<>();
        boolean more = false;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int next = filter.bind(select);
            select.setInt(next, limit + 1);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    if (rows.size() == limit) {
                        more = true;
                        break;
                    }
                    Timestamp created = result.getTimestamp(8);
                    rows.add(new Match(result.getLong(1), result.getLong(2), result.getString(3), result.getBigDecimal(4),
                            result.getBoolean(5), result.getBigDecimal(6), result.getInt(7), created.toInstant(),
                            result.getDouble(9)));
                }
            }
        }
        return new Matches(rows, !more, filter.text());
    }

    /** The display columns of a page of matches, in the page's order, with each match's score. */
    private static List<SearchResult.Hit> hits(Connection connection, List<Match> page, boolean scored)
            throws SQLException {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, SearchResult.Hit> byId = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT p.id, p.name, p.brand, p.price, p.currency, p.category_id, p.rating_avg, p.rating_count, p.in_stock,
                       (SELECT im.url FROM product_images im WHERE im.product_id = p.id ORDER BY im.position LIMIT 1)
                FROM products p WHERE p.id = ANY (?)""")) {
            select.setArray(1, connection.createArrayOf("bigint", page.stream().map(Match::id).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    BigDecimal rating = rows.getBigDecimal(7);
                    byId.put(rows.getLong(1), new SearchResult.Hit(rows.getLong(1), rows.getString(2), rows.getString(3),
                            Money.format(rows.getBigDecimal(4)), rows.getString(5).trim(), rows.getLong(6),
                            rating == null ? null : rating.toPlainString(), rows.getInt(8), rows.getBoolean(9),
                            rows.getString(10), null));
                }
            }
        }
        List<SearchResult.Hit> hits = new ArrayList<>(page.size());
        for (Match match : page) {
            // the same snapshot as the scan: every id is there
            SearchResult.Hit hit = Objects.requireNonNull(byId.get(match.id()), "product " + match.id());
            hits.add(scored ? hit.withScore(match.score()) : hit);
        }
        return hits;
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

    /** The total and the facets of one filter; {@code exact}: over every match. */
    private record Counts(long total, boolean exact, SearchResult.Facets facets) {}

    private static Counts counts(Connection connection, Matches matches) throws SQLException {
        Map<Long, Long> categories = new HashMap<>();
        Map<String, Long> brands = new HashMap<>();
        long[] buckets = new long[PRICE_EDGES.size() + 1];
        long inStock = 0;
        for (Match match : matches.rows()) {
            categories.merge(match.categoryId(), 1L, Long::sum);
            if (match.brand() != null) {
                brands.merge(match.brand(), 1L, Long::sum);
            }
            buckets[bucket(match.price())]++;
            if (match.inStock()) {
                inStock++;
            }
        }
        long total = matches.rows().size();
        Map<Long, String> names = categoryNames(connection, categories.keySet());
        List<SearchResult.CategoryCount> categoryCounts = categories.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES)
                .map(entry -> new SearchResult.CategoryCount(entry.getKey(), names.getOrDefault(entry.getKey(), ""),
                        entry.getValue()))
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
                    to == null ? null : Money.format(to), buckets[bucket]));
        }
        return new Counts(total, matches.exhaustive(), new SearchResult.Facets(categoryCounts, brandCounts, ranges,
                new SearchResult.Availability(inStock, total - inStock)));
    }

    /** The price range of a price, as width_bucket(price, edges) numbers them: how many edges are at or below it. */
    static int bucket(BigDecimal price) {
        int bucket = 0;
        while (bucket < PRICE_EDGES.size() && price.compareTo(PRICE_EDGES.get(bucket)) >= 0) {
            bucket++;
        }
        return bucket;
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
