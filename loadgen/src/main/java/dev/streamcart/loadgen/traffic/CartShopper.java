package dev.streamcart.loadgen.traffic;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamcart.apiclient.ApiProblemException;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.apiclient.Requests.CartItem;
import dev.streamcart.apiclient.Requests.Destination;
import dev.streamcart.apiclient.Requests.NewAddress;
import dev.streamcart.apiclient.Requests.OrderLine;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.behaviour.CheckoutPlan;
import dev.streamcart.loadgen.catalog.Catalog;
import org.jspecify.annotations.Nullable;

/**
 * The cart side of a shopper: fills a user's cart (one line per planned item, sometimes one line
 * saved for later and moved back), knows where the user ships to, and empties the cart again after
 * a refused checkout. A user has one cart, so only one session of a user may use it at a time:
 * {@link #claim} refuses a second one, which then checks out directly instead.
 */
final class CartShopper {

    private final StorefrontApiClient api;
    private final List<String> regions;
    private final Set<Long> usersAtTheirCart = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> shippingAddresses = new ConcurrentHashMap<>();

    /** @param warehouses the catalog's warehouses: shoppers live in the regions the store ships from */
    CartShopper(StorefrontApiClient api, List<Catalog.Warehouse> warehouses) {
        this.api = Objects.requireNonNull(api, "api");
        List<String> known = warehouses.stream().map(Catalog.Warehouse::region)
                .filter(region -> region != null && !region.isBlank()).distinct().toList();
        this.regions = known.isEmpty() ? List.of("us-east") : known;
    }

    /** Takes the user's cart for this session; false when another session of the user holds it. */
    boolean claim(long userId) {
        return usersAtTheirCart.add(userId);
    }

    void release(long userId) {
        usersAtTheirCart.remove(userId);
    }

    /** Adds a recommended product with the variant that served it ({@code ?rec=}, a credited CART_ADD). */
    void addRecommended(long userId, String sessionId, long productId, int quantity, String variant) {
        api.addRecommendedToCart(userId, sessionId, new CartItem(productId, quantity), variant);
    }

    /**
     * Adds every planned line (a CART_ADD click each) but {@code alreadyAdded} (the recommended one,
     * added with its attribution by {@link #addRecommended}); maybe saves the last one for later
     * and moves it back.
     */
    void fill(long userId, String sessionId, CheckoutPlan plan, @Nullable Long alreadyAdded) {
        for (OrderLine line : plan.items()) {
            if (alreadyAdded == null || line.productId() != alreadyAdded) {
                api.addToCart(userId, sessionId, new CartItem(line.productId(), line.quantity()));
            }
        }
        if (plan.saveForLater()) {
            long second = plan.items().get(plan.items().size() - 1).productId();
            api.saveForLater(userId, second);
            api.moveToCart(userId, second);
        }
    }

    /**
     * The user's region (fixed per user, one of the warehouses' regions) and their default
     * shipping address, created in that region on first use: a cart checkout needs an address.
     */
    Destination destination(long userId) {
        String region = regionOf(userId);
        Long addressId = shippingAddresses.get(userId);
        if (addressId == null) {
            // no HTTP inside a map's compute: the user's cart claim already keeps this single-threaded per user
            Long existing = api.defaultShippingAddress(userId);
            addressId = existing != null ? existing : api.addAddress(userId, addressIn(region));
            shippingAddresses.put(userId, addressId);
        }
        return new Destination(addressId, region);
    }

    String regionOf(long userId) {
        return regions.get((int) Math.floorMod(userId, (long) regions.size()));
    }

    /**
     * After a refused checkout, removes the lines this session added so that the user's next
     * visit starts with an empty cart. Best effort: a failure here only leaves lines behind.
     */
    void empty(long userId, List<Long> productIds) {
        for (long productId : productIds) {
            try {
                api.removeFromCart(userId, productId);
            } catch (ApiProblemException | ApiUnreachableException e) {
                return;
            }
        }
    }

    private static NewAddress addressIn(String region) {
        boolean europe = region.toLowerCase(Locale.ROOT).startsWith("eu");
        return europe
                ? new NewAddress("shipping", "Sim", "Shopper", "Coolsingel 40", "Rotterdam", "3011 AD", "NL", true)
                : new NewAddress("shipping", "Sim", "Shopper", "100 Main Street", "Columbus", "43215", "US", true);
    }
}
