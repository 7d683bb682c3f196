package dev.streamcart.loadgen.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The shape of the simulated store: sellers, a two-level category tree, the warehouses, and for
 * every leaf category the words its product names are made of, its price band and its share of
 * the assortment. Brands are invented.
 */
final class StoreBlueprint {

    private StoreBlueprint() {}

    /** A seller; {@code specialty} is the root category it mostly sells in, or null for a generalist. */
    record SellerSpec(String name, String emailLocalPart, @Nullable String specialty) {}

    record WarehouseSpec(String name, String region) {}

    /**
     * A leaf category and how to fill it.
     *
     * @param namePattern format with %1$s brand, %2$s item, %3$s variant
     * @param share       its share of the products (the shares sum to 1)
     */
    record LeafSpec(String root, String name, String skuCode, double share, BigDecimal minPrice, BigDecimal maxPrice,
            String namePattern, List<String> brands, List<String> items, List<String> variants) {}

    static final List<SellerSpec> SELLERS = List.of(
            new SellerSpec("Northwind Electronics", "sales.northwind", "Electronics"),
            new SellerSpec("Harbor Home Goods", "hello.harborhome", "Home"),
            new SellerSpec("Urban Stride Fashion", "shop.urbanstride", "Fashion"),
            new SellerSpec("Pageturner Books", "orders.pageturner", "Books"),
            new SellerSpec("Brightside Toys", "team.brightside", "Toys"),
            new SellerSpec("Everyday Marketplace", "seller.everyday", null));

    static final List<WarehouseSpec> WAREHOUSES = List.of(
            new WarehouseSpec("Reno Fulfilment Centre", "us-west"),
            new WarehouseSpec("Columbus Fulfilment Centre", "us-east"),
            new WarehouseSpec("Rotterdam Fulfilment Centre", "eu-west"));

    static final List<String> ROOTS = List.of("Electronics", "Home", "Fashion", "Books", "Toys");

    static final List<LeafSpec> LEAVES = List.of(
            new LeafSpec("Electronics", "Phones", "PHN", 0.12, money("99"), money("1299"), "%1$s %2$s, %3$s",
                    List.of("Nova", "Pixelon", "Aether", "Lumo"),
                    List.of("X12 Smartphone", "Pro 5G Smartphone", "Lite Smartphone", "Max Smartphone", "Fold Smartphone"),
                    List.of("64GB", "128GB", "256GB", "512GB")),
            new LeafSpec("Electronics", "Laptops", "LAP", 0.07, money("349"), money("2999"), "%1$s %2$s, %3$s",
                    List.of("Orbit", "Vertex", "Kestrel"),
                    List.of("Air 13 Laptop", "Pro 14 Laptop", "Studio 16 Laptop", "Flex 2-in-1 Laptop"),
                    List.of("8GB/256GB", "16GB/512GB", "32GB/1TB")),
            new LeafSpec("Electronics", "Audio", "AUD", 0.11, money("15"), money("449"), "%1$s %2$s, %3$s",
                    List.of("Sonata", "Bassline", "Echo Peak", "Quill"),
                    List.of("Wireless Earbuds", "Over-Ear Headphones", "Bluetooth Speaker", "Soundbar", "Turntable"),
                    List.of("Black", "White", "Midnight Blue", "Sand")),
            new LeafSpec("Home", "Kitchen", "KIT", 0.12, money("8"), money("599"), "%1$s %2$s, %3$s",
                    List.of("Copperleaf", "Hearth & Co", "Brava"),
                    List.of("Chef's Knife", "Cast Iron Skillet", "Espresso Machine", "Stand Mixer", "Cutting Board",
                            "Dutch Oven"),
                    List.of("Small", "Large", "Graphite", "Cream")),
            new LeafSpec("Home", "Furniture", "FUR", 0.07, money("39"), money("1499"), "%1$s %2$s, %3$s",
                    List.of("Fjord", "Oakridge", "Linea"),
                    List.of("Coffee Table", "Ergonomic Office Chair", "5-Tier Bookshelf", "Floor Lamp", "Two-Seat Sofa"),
                    List.of("Oak", "Walnut", "White", "Charcoal")),
            new LeafSpec("Fashion", "Shoes", "SHO", 0.10, money("25"), money("229"), "%1$s %2$s, %3$s",
                    List.of("Stride", "Peak Trail", "Cobble"),
                    List.of("Running Shoe", "Chelsea Boot", "Canvas Sneaker", "Hiking Boot", "Loafer"),
                    List.of("Size 38", "Size 40", "Size 42", "Size 44")),
            new LeafSpec("Fashion", "Bags", "BAG", 0.08, money("15"), money("349"), "%1$s %2$s, %3$s",
                    List.of("Wayfarer", "Satchel & Sons", "Nomad"),
                    List.of("Canvas Tote", "Leather Backpack", "Carry-on Suitcase", "Crossbody Bag", "Weekender"),
                    List.of("Tan", "Black", "Olive")),
            new LeafSpec("Books", "Fiction", "FIC", 0.11, money("6"), money("35"), "%2$s by %1$s (%3$s)",
                    List.of("A. Marlowe", "J. Okafor", "L. Brandt", "S. Ito"),
                    List.of("The Silent Harbor", "Glass Orchard", "A Winter in Lisbon", "The Cartographer's Daughter",
                            "Salt and Iron", "Midnight Ferry"),
                    List.of("Paperback", "Hardcover")),
            new LeafSpec("Books", "Non-fiction", "NFI", 0.08, money("8"), money("49"), "%2$s by %1$s (%3$s)",
                    List.of("R. Castillo", "M. Lindqvist", "D. Mensah"),
                    List.of("Thinking in Systems", "A Short History of Salt", "The Art of Bread",
                            "Data at Scale", "Walking the Alps"),
                    List.of("Paperback", "Hardcover")),
            new LeafSpec("Toys", "Building Sets", "BLD", 0.07, money("9"), money("199"), "%1$s %2$s, %3$s",
                    List.of("Brickworks", "Tinkerton"),
                    List.of("Space Station", "Harbor Crane", "Castle", "Race Car", "Treehouse"),
                    List.of("250 pieces", "600 pieces", "1,200 pieces")),
            new LeafSpec("Toys", "Board Games", "BRD", 0.07, money("12"), money("89"), "%1$s %2$s, %3$s",
                    List.of("Meeple House", "Dicetower"),
                    List.of("Island Traders", "Railway Barons", "Starship Captains", "Garden Party", "Deep Sea Quest"),
                    List.of("Base Game", "Deluxe Edition")));

    static final List<String> FIRST_NAMES = List.of(
            "Ava", "Liam", "Mia", "Noah", "Zoe", "Ethan", "Lena", "Omar", "Priya", "Lucas", "Sofia", "Mateo",
            "Hana", "Jonas", "Amara", "Leo", "Nora", "Ravi", "Elena", "Kofi", "Ines", "Felix", "Yuki", "Aria",
            "Tom", "Chloe", "Diego", "Freya", "Hugo", "Maya");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Garcia", "Kim", "Novak", "Okafor", "Rossi", "Nguyen", "Schmidt", "Silva", "Patel",
            "Johansson", "Dubois", "Tanaka", "Murphy", "Kowalski", "Haddad", "Costa", "Larsen", "Moreau", "Singh");

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }
}
