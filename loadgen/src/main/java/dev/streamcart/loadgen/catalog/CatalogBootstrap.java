package dev.streamcart.loadgen.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

import dev.streamcart.apiclient.Requests.NewCategory;
import dev.streamcart.apiclient.Requests.NewProduct;
import dev.streamcart.apiclient.Requests.NewSeller;
import dev.streamcart.apiclient.Requests.NewUser;
import dev.streamcart.apiclient.Requests.NewWarehouse;
import dev.streamcart.apiclient.Requests.StockReceipt;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.catalog.CatalogPlan.ProductSpec;
import dev.streamcart.loadgen.catalog.CatalogPlan.UserSpec;
import dev.streamcart.loadgen.catalog.StoreBlueprint.LeafSpec;
import dev.streamcart.loadgen.catalog.StoreBlueprint.SellerSpec;
import dev.streamcart.loadgen.catalog.StoreBlueprint.WarehouseSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a new catalog through the API, exactly as a seller and an admin would: sellers, the
 * category tree, warehouses, products, their initial stock, and the shoppers. Products, receipts
 * and users go out a few at a time in parallel (user creation hashes a password and is the slow
 * part). The first failure aborts the bootstrap.
 */
public final class CatalogBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogBootstrap.class);

    private final StorefrontApiClient api;
    private final int parallelism;

    public CatalogBootstrap(StorefrontApiClient api, int parallelism) {
        this.api = Objects.requireNonNull(api, "api");
        if (parallelism <= 0) {
            throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** Plans and creates a catalog of {@code productCount} products and {@code userCount} shoppers. */
    public Catalog create(String runTag, int productCount, int userCount, RandomGenerator random) {
        CatalogPlan plan = CatalogPlan.create(runTag, productCount, userCount, random);
        LOG.info("creating catalog {}: {} sellers, {} categories, {} warehouses, {} products, {} users", runTag,
                plan.sellers().size(), plan.roots().size() + plan.leaves().size(), plan.warehouses().size(),
                plan.products().size(), plan.users().size());
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "catalog-bootstrap");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Catalog.Seller> sellers = createSellers(plan);
            Map<String, Catalog.Category> categoryByName = createCategories(plan);
            List<Catalog.Warehouse> warehouses = createWarehouses(plan);
            List<Catalog.Product> products = createProducts(plan, sellers, categoryByName, pool);
            receiveInitialStock(plan, products, warehouses, pool);
            List<Catalog.User> users = createUsers(plan, categoryByName, pool);
            LOG.info("catalog {} created", runTag);
            return new Catalog(Catalog.FORMAT_VERSION, runTag, Instant.now().toString(), api.baseUrl().toString(),
                    sellers, List.copyOf(categoryByName.values()), warehouses, products, users);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Catalog.Seller> createSellers(CatalogPlan plan) {
        List<Catalog.Seller> sellers = new ArrayList<>();
        for (SellerSpec seller : plan.sellers()) {
            long id = api.createSeller(new NewSeller(seller.name(), plan.sellerEmail(seller)));
            sellers.add(new Catalog.Seller(id, seller.name()));
        }
        return sellers;
    }

    /** Roots first, then leaves under them; a parent must exist before its children. */
    private Map<String, Catalog.Category> createCategories(CatalogPlan plan) {
        Map<String, Catalog.Category> byName = new LinkedHashMap<>();
        for (String root : plan.roots()) {
            long id = api.createCategory(new NewCategory(root, null));
            byName.put(root, new Catalog.Category(id, root, null));
        }
        for (LeafSpec leaf : plan.leaves()) {
            long parentId = byName.get(leaf.root()).id();
            long id = api.createCategory(new NewCategory(leaf.name(), parentId));
            byName.put(leaf.name(), new Catalog.Category(id, leaf.name(), parentId));
        }
        return byName;
    }

    private List<Catalog.Warehouse> createWarehouses(CatalogPlan plan) {
        List<Catalog.Warehouse> warehouses = new ArrayList<>();
        for (WarehouseSpec warehouse : plan.warehouses()) {
            long id = api.createWarehouse(new NewWarehouse(warehouse.name(), warehouse.region()));
            warehouses.add(new Catalog.Warehouse(id, warehouse.name(), warehouse.region()));
        }
        return warehouses;
    }

    private List<Catalog.Product> createProducts(CatalogPlan plan, List<Catalog.Seller> sellers,
            Map<String, Catalog.Category> categoryByName, ExecutorService pool) {
        List<Callable<Catalog.Product>> tasks = new ArrayList<>();
        for (ProductSpec spec : plan.products()) {
            long sellerId = sellers.get(spec.sellerIndex()).id();
            long categoryId = categoryByName.get(spec.leaf().name()).id();
            tasks.add(() -> {
                long id = api.createProduct(new NewProduct(sellerId, categoryId, spec.sku(), spec.name(),
                        spec.description(), spec.price(), "USD"));
                return new Catalog.Product(id, sellerId, categoryId, spec.sku(), spec.name(), spec.price(),
                        spec.popularityRank());
            });
        }
        List<Catalog.Product> products = runAll(pool, tasks);
        LOG.info("created {} products", products.size());
        return products;
    }

    private void receiveInitialStock(CatalogPlan plan, List<Catalog.Product> products,
            List<Catalog.Warehouse> warehouses, ExecutorService pool) {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int p = 0; p < products.size(); p++) {
            long productId = products.get(p).id();
            List<Integer> stock = plan.products().get(p).initialStock();
            for (int w = 0; w < warehouses.size(); w++) {
                StockReceipt receipt = new StockReceipt(productId, warehouses.get(w).id(), stock.get(w));
                tasks.add(() -> {
                    api.receiveStock(receipt);
                    return receipt.quantity();
                });
            }
        }
        int units = runAll(pool, tasks).stream().mapToInt(Integer::intValue).sum();
        LOG.info("received {} units of initial stock in {} receipts", units, tasks.size());
    }

    private List<Catalog.User> createUsers(CatalogPlan plan, Map<String, Catalog.Category> categoryByName,
            ExecutorService pool) {
        List<Callable<Catalog.User>> tasks = new ArrayList<>();
        for (UserSpec spec : plan.users()) {
            long preferredCategoryId = categoryByName.get(spec.preferredLeaf().name()).id();
            tasks.add(() -> {
                long id = api.createUser(new NewUser(spec.email(), CatalogPlan.SHOPPER_PASSWORD, spec.firstName(),
                        spec.lastName()));
                return new Catalog.User(id, spec.email(), preferredCategoryId);
            });
        }
        List<Catalog.User> users = runAll(pool, tasks);
        LOG.info("created {} users", users.size());
        return users;
    }

    /** Runs every task; results keep the tasks' order. The first failure cancels the rest and is rethrown. */
    private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("catalog bootstrap failed", e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("catalog bootstrap interrupted", e);
        }
    }

}
