package dev.streamcart.serving.search;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.serving.ServingApi;
import dev.streamcart.serving.ServingApiConfig;
import dev.streamcart.serving.auth.AuthSettings;
import dev.streamcart.serving.db.DatabaseSettings;
import dev.streamcart.serving.payments.PaymentSettings;
import dev.streamcart.serving.users.EmailAddress;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Search latency at catalog scale, through the real HTTP API: starts embedded PostgreSQL (local-stack)
 * under {@code serving-api/target/bench-data}, migrates, bulk-loads a generated catalog with COPY
 * (default 100,000 products over a three-level category tree, with brands, tags, descriptions, prices,
 * ratings and stock in three warehouses, some of it fully reserved), then sends a warm-up and a
 * measured run of mixed searches (text, category subtrees, filters, facets, sorts, pages) and prints
 * p50/p95/p99/max overall and per kind of query. Not a test: run it by hand (see the README).
 *
 * <p>Arguments (all optional): {@code --products N} (100000), {@code --queries N} (2000),
 * {@code --warmup N} (300), {@code --clients N} (1, concurrent HTTP clients), {@code --seed N} (7),
 * {@code --data-dir PATH}, {@code --reuse} (keep a catalog loaded by an earlier run of the same size).
 */
public final class SearchBenchmark {

    private static final String[] DEPARTMENTS = {"Kitchen", "Home", "Garden", "Outdoor", "Electronics", "Office",
        "Sports", "Toys"};
    private static final String[] NOUNS = {"mug", "cup", "kettle", "teapot", "pan", "skillet", "pot", "knife",
        "spoon", "bowl", "plate", "jar", "bottle", "tumbler", "blender", "toaster", "lamp", "chair", "table", "shelf",
        "rug", "pillow", "blanket", "curtain", "mirror", "clock", "vase", "basket", "hose", "rake", "shovel", "planter",
        "tent", "backpack", "lantern", "stove", "hammock", "cooler", "jacket", "boots", "headphones", "speaker",
        "charger", "cable", "keyboard", "mouse", "monitor", "camera", "tripod", "notebook", "pen", "stapler", "desk",
        "folder", "ball", "racket", "helmet", "gloves", "bike", "skates", "puzzle", "robot", "kite", "blocks", "doll",
        "scooter", "drone", "watch", "wallet", "umbrella"};
    private static final String[] ADJECTIVES = {"classic", "compact", "portable", "premium", "rustic", "modern",
        "vintage", "heavy", "light", "insulated", "wireless", "foldable", "durable", "ergonomic", "waterproof",
        "large", "small", "deluxe", "everyday", "professional", "quiet", "smart", "handmade", "organic", "slim"};
    private static final String[] MATERIALS = {"steel", "ceramic", "glass", "bamboo", "oak", "walnut", "cotton",
        "wool", "leather", "aluminium", "copper", "stoneware", "silicone", "linen", "carbon", "nylon", "porcelain",
        "cast iron", "recycled plastic", "marble"};
    private static final String[] COLOURS = {"red", "blue", "green", "black", "white", "grey", "yellow", "navy",
        "olive", "teal", "orange", "pink", "beige", "brown", "purple"};
    private static final String[] FEATURES = {"dishwasher safe", "easy to clean", "built to last", "great as a gift",
        "fits in any bag", "with a two year warranty", "for everyday use", "energy efficient", "made in small batches",
        "tested outdoors", "with a soft grip", "stackable for storage", "ideal for travel", "quiet in operation"};
    private static final String[] SYLLABLES = {"nor", "vik", "hal", "den", "sto", "ra", "lu", "mi", "kor", "ten",
        "bri", "ga", "zen", "ol", "fa", "ber", "qu", "ix", "mo", "sa", "tel", "ro", "an", "ve"};

    private record Category(long id, int level, String noun) {}

    private record Query(String kind, String path) {}

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int products = Integer.parseInt(options.getOrDefault("products", "100000"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "2000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "300"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "1"));
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        boolean reuse = options.containsKey("reuse");
        Path dataDir = Path.of(options.getOrDefault("data-dir",
                Files.isDirectory(Path.of("serving-api")) ? "serving-api/target/bench-data" : "target/bench-data"))
                .toAbsolutePath();
        if (!reuse) {
            Folders.delete(dataDir);
        }
        Files.createDirectories(dataDir);

        System.out.println("search benchmark: " + products + " products, " + warmup + " warm-up + " + queries
                + " measured queries, " + clients + " client(s), data in " + dataDir);
        try (LocalInfrastructure infra = LocalInfrastructure.builder(dataDir.resolve("infra")).postgres().start()) {
            ServingApiConfig config = new ServingApiConfig("127.0.0.1", 0,
                    new DatabaseSettings(infra.jdbcUrl(), infra.postgresUser(), infra.postgresPassword(), Math.max(4, clients * 2)),
                    null, null, null, dataDir.resolve("models"), Duration.ofSeconds(60), PaymentSettings.defaults(Duration.ofMillis(1), "search-benchmark-fingerprint-secret"), 4,
                    new AuthSettings(new EmailAddress("admin@bench.test"), null, Duration.ofHours(1)));
            try (ServingApi api = ServingApi.start(config)) { // migrates the schema
                Random random = new Random(seed);
                List<Long> allCategories = new ArrayList<>();
                List<String> brands = brands(random, 300);
                try (Connection connection = infra.postgres().getConnection()) {
                    if (reuse && count(connection, "SELECT count(*) FROM products") == products) {
                        System.out.println("reusing the loaded catalog");
                    } else {
                        long started = System.nanoTime();
                        load(connection, random, products, brands);
                        System.out.printf(Locale.ROOT, "loaded %d products in %.1f s%n", products,
                                (System.nanoTime() - started) / 1e9);
                    }
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery("SELECT id FROM categories")) {
                        while (rows.next()) {
                            allCategories.add(rows.getLong(1));
                        }
                    }
                    printSizes(connection);
                }
                List<Query> mix = queries(new Random(seed + 1), warmup + queries, allCategories, brands);
                String base = "http://127.0.0.1:" + api.port();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                long warmStarted = System.nanoTime();
                run(http, base, mix.subList(0, warmup), clients);
                System.out.printf(Locale.ROOT, "warm-up: %d queries in %.1f s; load average %s%n", warmup,
                        (System.nanoTime() - warmStarted) / 1e9, loadAverage());
                long started = System.nanoTime();
                List<Sample> samples = run(http, base, mix.subList(warmup, mix.size()), clients);
                System.out.printf(Locale.ROOT, "measured: %d queries in %.1f s (%.0f queries/s); load average %s%n",
                        queries, (System.nanoTime() - started) / 1e9, queries / ((System.nanoTime() - started) / 1e9),
                        loadAverage());
                report(samples, clients);
            }
        }
        System.out.println("command: java -Xmx1g -cp \"serving-api/target/test-classes:serving-api/target/classes:"
                + "$(cat serving-api/target/test-classpath.txt)\" " + SearchBenchmark.class.getName() + " "
                + String.join(" ", args));
    }

    // ---------------------------------------------------------------- catalog

    private static void load(Connection connection, Random random, int products, List<String> brands)
            throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<Category> leaves = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO sellers (name, email) SELECT 'Bench seller ' || g, 'bench' || g || '@sellers.test' "
                    + "FROM generate_series(1, 50) g");
            statement.execute("INSERT INTO warehouses (name, region) VALUES ('East', 'us-east'), ('West', 'us-west'), "
                    + "('Europe', 'eu-west')");
            int noun = 0;
            for (String department : DEPARTMENTS) {
                long root = insertCategory(statement, department, null, 1);
                for (int s = 0; s < 6; s++) {
                    long sub = insertCategory(statement, department + " " + ADJECTIVES[(s * 7 + noun) % ADJECTIVES.length],
                            root, 2);
                    for (int l = 0; l < 5; l++) {
                        String leafNoun = NOUNS[noun++ % NOUNS.length];
                        long leaf = insertCategory(statement, capitalise(leafNoun) + "s " + (s + 1) + "." + (l + 1), sub, 3);
                        leaves.add(new Category(leaf, 3, leafNoun));
                    }
                }
            }
        }
        // indexes are built once after the load, exactly as the migrations define them
        List<String> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename "
                    + "IN ('products', 'inventory') AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%key'")) {
                while (rows.next()) {
                    indexes.add(rows.getString(2));
                }
            }
            for (String definition : indexes) {
                statement.execute("DROP INDEX " + definition.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2"));
            }
        }
        StringBuilder rows = new StringBuilder();
        Instant now = Instant.now();
        for (int i = 1; i <= products; i++) {
            Category leaf = leaves.get(random.nextInt(leaves.size()));
            String brand = brands.get(Math.min(brands.size() - 1, (int) Math.abs(random.nextGaussian() * brands.size() / 3)));
            String adjective = pick(random, ADJECTIVES);
            String material = pick(random, MATERIALS);
            String colour = pick(random, COLOURS);
            String name = brand + " " + adjective + " " + material + " " + leaf.noun() + " " + colour;
            String description = "A " + adjective + " " + leaf.noun() + " in " + colour + " " + material + ", "
                    + pick(random, FEATURES) + " and " + pick(random, FEATURES) + ".";
            double price = Math.min(4999, Math.max(1, Math.exp(3.3 + random.nextGaussian())));
            String tags = "{" + leaf.noun() + "," + colour + (random.nextBoolean() ? "," + adjective : "") + "}";
            Instant created = now.minusSeconds(random.nextInt(365 * 24 * 3600));
            boolean rated = random.nextInt(10) < 6;
            String rating = rated ? String.format(Locale.ROOT, "%.2f", 1 + random.nextDouble() * 4) : "\\N";
            int ratingCount = rated ? 1 + random.nextInt(500) : 0;
            boolean active = random.nextInt(100) < 97;
            rows.append(1 + random.nextInt(50)).append('\t').append(leaf.id()).append('\t').append("BENCH-").append(i)
                    .append('\t').append(name).append('\t').append(description).append('\t').append(brand).append('\t')
                    .append(String.format(Locale.ROOT, "%.2f", Math.floor(price) + 0.99)).append("\tUSD\t")
                    .append("{\"weightGrams\": ").append(100 + random.nextInt(5000)).append("}\t")
                    .append(tags).append('\t').append(active ? 't' : 'f').append('\t').append(created).append('\t')
                    .append(created).append('\t').append(rating).append('\t').append(ratingCount).append('\n');
        }
        copy.copyIn("COPY products (seller_id, category_id, sku, name, description, brand, price, currency, attributes, "
                + "tags, is_active, created_at, updated_at, rating_avg, rating_count) FROM STDIN", new StringReader(rows.toString()));
        rows.setLength(0);
        // stock: 75% of products in one to three warehouses; a tenth of those fully reserved
        for (int product = 1; product <= products; product++) {
            if (random.nextInt(100) >= 75) {
                continue;
            }
            int warehouses = 1 + random.nextInt(3);
            boolean soldOut = random.nextInt(10) == 0;
            for (int w = 1; w <= warehouses; w++) {
                int quantity = 1 + random.nextInt(200);
                int reserved = soldOut ? quantity : random.nextInt(quantity + 1);
                rows.append(product).append('\t').append(w).append('\t').append(quantity).append('\t').append(reserved)
                        .append('\n');
            }
        }
        copy.copyIn("COPY inventory (product_id, warehouse_id, quantity, reserved_quantity) FROM STDIN",
                new StringReader(rows.toString()));
        try (Statement statement = connection.createStatement()) {
            for (String definition : indexes) {
                statement.execute(definition);
            }
            statement.execute("VACUUM ANALYZE products");
            statement.execute("VACUUM ANALYZE inventory");
            statement.execute("VACUUM ANALYZE categories");
        }
    }

    private static long insertCategory(Statement statement, String name, Long parent, int level) throws SQLException {
        try (ResultSet row = statement.executeQuery("INSERT INTO categories (name, parent_id, level) VALUES ('"
                + name.replace("'", "''") + "', " + parent + ", " + level + ") RETURNING id")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> brands(Random random, int count) {
        List<String> brands = new ArrayList<>();
        while (brands.size() < count) {
            String brand = capitalise(pick(random, SYLLABLES) + pick(random, SYLLABLES) + (random.nextBoolean() ? pick(random, SYLLABLES) : ""));
            if (!brands.contains(brand)) {
                brands.add(brand);
            }
        }
        return brands;
    }

    private static void printSizes(Connection connection) throws SQLException {
        System.out.printf(Locale.ROOT, "catalog: %d products (%d active), %d categories, %d inventory rows, "
                        + "products table %s, search index %s%n",
                count(connection, "SELECT count(*) FROM products"),
                count(connection, "SELECT count(*) FROM products WHERE is_active"),
                count(connection, "SELECT count(*) FROM categories"),
                count(connection, "SELECT count(*) FROM inventory"),
                text(connection, "SELECT pg_size_pretty(pg_total_relation_size('products'))"),
                text(connection, "SELECT pg_size_pretty(pg_relation_size('products_search_idx'))"));
    }

    // ---------------------------------------------------------------- queries

    /** The mix a storefront sends: mostly text and category browsing, then filters, sorts and deeper pages. */
    private static List<Query> queries(Random random, int count, List<Long> categories, List<String> brands) {
        List<Query> queries = new ArrayList<>(count);
        String[] sorts = {"relevance", "price_asc", "price_desc", "rating", "newest"};
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(100);
            Map<String, String> parameters = new LinkedHashMap<>();
            String kind;
            if (roll < 30) {
                kind = "text";
                parameters.put("q", textQuery(random, brands));
            } else if (roll < 45) {
                kind = "text+category";
                parameters.put("q", pick(random, NOUNS));
                parameters.put("category", Long.toString(categories.get(random.nextInt(categories.size()))));
            } else if (roll < 65) {
                kind = "category";
                parameters.put("category", Long.toString(categories.get(random.nextInt(categories.size()))));
                parameters.put("sort", sorts[1 + random.nextInt(4)]);
            } else if (roll < 85) {
                kind = "filters";
                if (random.nextBoolean()) {
                    parameters.put("q", pick(random, NOUNS));
                }
                int low = random.nextInt(100);
                parameters.put("minPrice", Integer.toString(low));
                parameters.put("maxPrice", Integer.toString(low + 10 + random.nextInt(200)));
                if (random.nextInt(3) == 0) {
                    parameters.put("brand", brands.get(random.nextInt(60)));
                }
                if (random.nextInt(3) == 0) {
                    parameters.put("minRating", Integer.toString(2 + random.nextInt(3)));
                }
                if (random.nextBoolean()) {
                    parameters.put("inStock", "true");
                }
                parameters.put("sort", sorts[random.nextInt(sorts.length)]);
            } else if (roll < 95) {
                kind = "pages";
                if (random.nextBoolean()) {
                    parameters.put("q", pick(random, NOUNS));
                } else {
                    parameters.put("category", Long.toString(categories.get(random.nextInt(categories.size()))));
                }
                parameters.put("page", Integer.toString(2 + random.nextInt(20)));
                parameters.put("sort", sorts[random.nextInt(sorts.length)]);
            } else {
                kind = "browse-all";
                parameters.put("sort", sorts[1 + random.nextInt(4)]);
                if (random.nextBoolean()) {
                    parameters.put("inStock", "true");
                }
            }
            StringBuilder path = new StringBuilder("/api/search?");
            parameters.forEach((name, value) -> path.append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
            path.setLength(path.length() - 1);
            queries.add(new Query(kind, path.toString()));
        }
        return queries;
    }

    private static String textQuery(Random random, List<String> brands) {
        return switch (random.nextInt(7)) {
            case 0 -> pick(random, NOUNS);
            case 1 -> pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
            case 2 -> pick(random, COLOURS) + " " + pick(random, MATERIALS) + " " + pick(random, NOUNS);
            case 3 -> brands.get(random.nextInt(brands.size()));
            case 4 -> pick(random, NOUNS) + " -" + pick(random, MATERIALS).split(" ")[0];
            case 5 -> "\"" + pick(random, MATERIALS) + " " + pick(random, NOUNS) + "\"";
            default -> pick(random, NOUNS) + " or " + pick(random, NOUNS);
        };
    }

    // ---------------------------------------------------------------- measuring

    private record Sample(String kind, long nanos, long total) {}

    private static List<Sample> run(HttpClient http, String base, List<Query> queries, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Sample>>> parts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                parts.add(pool.submit(() -> {
                    List<Sample> samples = new ArrayList<>();
                    for (int i = client; i < queries.size(); i += clients) {
                        Query query = queries.get(i);
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + query.path()))
                                .timeout(Duration.ofSeconds(30)).GET().build();
                        long started = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long elapsed = System.nanoTime() - started;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(query.path() + " -> " + response.statusCode() + " " + response.body());
                        }
                        samples.add(new Sample(query.kind(), elapsed, total(response.body())));
                    }
                    return samples;
                }));
            }
            List<Sample> all = new ArrayList<>();
            for (Future<List<Sample>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long total(String body) {
        int at = body.indexOf("\"total\":");
        if (at < 0) {
            return -1;
        }
        int end = at + 8;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(at + 8, end));
    }

    private static void report(List<Sample> samples, int clients) {
        Map<String, List<Sample>> byKind = new LinkedHashMap<>();
        byKind.put("ALL", samples);
        for (Sample sample : samples) {
            byKind.computeIfAbsent(sample.kind(), kind -> new ArrayList<>()).add(sample);
        }
        System.out.printf(Locale.ROOT, "%-14s %6s %8s %8s %8s %8s %8s %10s%n", "kind", "n", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "mean ms", "avg hits");
        byKind.forEach((kind, list) -> {
            long[] nanos = list.stream().mapToLong(Sample::nanos).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-14s %6d %8.2f %8.2f %8.2f %8.2f %8.2f %10.0f%n", kind, nanos.length,
                    percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99), nanos[nanos.length - 1] / 1e6,
                    Arrays.stream(nanos).average().orElse(0) / 1e6,
                    list.stream().mapToLong(Sample::total).average().orElse(0));
        });
        long[] all = samples.stream().mapToLong(Sample::nanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "RESULT search p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms over %d queries, "
                        + "%d client(s); goal p99 < 50 ms: %s%n", percentile(all, 50), percentile(all, 95),
                percentile(all, 99), all[all.length - 1] / 1e6, all.length, clients,
                percentile(all, 99) < 50 ? "MET" : "NOT MET");
    }

    private static double percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("reuse")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** The machine's load during the run, printed beside the figures: on a shared host it explains them. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
