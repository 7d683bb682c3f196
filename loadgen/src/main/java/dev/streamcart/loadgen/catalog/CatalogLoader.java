package dev.streamcart.loadgen.catalog;

import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.streamcart.apiclient.ApiProblemException;
import dev.streamcart.apiclient.StorefrontApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the simulator its catalog: the saved one when it still exists in the API, otherwise a new
 * one created through the API and saved for the next run.
 */
public final class CatalogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);

    private final StorefrontApiClient api;
    private final CatalogStore store;
    private final CatalogBootstrap bootstrap;

    public CatalogLoader(StorefrontApiClient api, CatalogStore store, CatalogBootstrap bootstrap) {
        this.api = Objects.requireNonNull(api, "api");
        this.store = Objects.requireNonNull(store, "store");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /**
     * @param fresh        create a new catalog even when one is saved
     * @param productCount products of a new catalog
     * @param userCount    shoppers of a new catalog
     */
    public Catalog loadOrCreate(boolean fresh, int productCount, int userCount, RandomGenerator random) {
        if (!fresh) {
            Catalog saved = store.load();
            if (saved != null && stillExists(saved)) {
                LOG.info("reusing catalog {} from {}: {} products, {} users", saved.runTag(), store.file(),
                        saved.products().size(), saved.users().size());
                return saved;
            }
        }
        Catalog created = bootstrap.create(newRunTag(random), productCount, userCount, random);
        store.save(created);
        LOG.info("saved catalog {} to {}", created.runTag(), store.file());
        return created;
    }

    /** A saved catalog is only useful if the API still knows its products (the database may have been reset). */
    private boolean stillExists(Catalog saved) {
        if (saved.products().isEmpty() || saved.users().isEmpty() || saved.warehouses().isEmpty()) {
            return false;
        }
        long productId = saved.products().get(0).id();
        try {
            api.viewProduct(productId, "loadgen-catalog-check", saved.users().get(0).id());
            return true;
        } catch (ApiProblemException e) {
            if (e.status() == 404) {
                LOG.warn("the saved catalog {} is unknown to the API (product {} not found); creating a new one",
                        saved.runTag(), productId);
                return false;
            }
            throw e;
        }
    }

    /** Six base-36 characters, so that SKUs and e-mails of a new catalog never collide with an older one. */
    static String newRunTag(RandomGenerator random) {
        long value = Math.floorMod(random.nextLong() ^ System.nanoTime(), 2_176_782_336L); // 36^6
        String tag = Long.toString(value, 36).toLowerCase(Locale.ROOT);
        return "0".repeat(6 - tag.length()) + tag;
    }
}
