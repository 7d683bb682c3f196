package dev.streamcart.loadgen.seeding;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Words that make seeded names read like a shop's: departments with their goods, people and places. */
final class Vocabulary {

    private Vocabulary() {}

    record Department(String name, List<String> goods) {}

    static final List<Department> DEPARTMENTS = List.of(
            new Department("Electronics", List.of("Headphones", "Speaker", "Charger", "Cable", "Monitor")),
            new Department("Computers", List.of("Laptop", "Keyboard", "Mouse", "Webcam", "Dock")),
            new Department("Phones", List.of("Phone", "Case", "Screen Guard", "Power Bank", "Mount")),
            new Department("Home", List.of("Lamp", "Rug", "Cushion", "Clock", "Mirror")),
            new Department("Kitchen", List.of("Pan", "Knife", "Kettle", "Blender", "Mug")),
            new Department("Furniture", List.of("Chair", "Desk", "Shelf", "Stool", "Cabinet")),
            new Department("Garden", List.of("Hose", "Planter", "Shears", "Bench", "Lantern")),
            new Department("Tools", List.of("Drill", "Hammer", "Wrench", "Saw", "Toolbox")),
            new Department("Fashion", List.of("Jacket", "Shirt", "Scarf", "Belt", "Hat")),
            new Department("Shoes", List.of("Sneakers", "Boots", "Sandals", "Loafers", "Slippers")),
            new Department("Bags", List.of("Backpack", "Tote", "Wallet", "Duffel", "Satchel")),
            new Department("Beauty", List.of("Serum", "Lotion", "Brush", "Palette", "Mask")),
            new Department("Health", List.of("Vitamins", "Scale", "Thermometer", "Massager", "Bandage")),
            new Department("Sports", List.of("Yoga Mat", "Dumbbell", "Racket", "Ball", "Bottle")),
            new Department("Outdoors", List.of("Tent", "Sleeping Bag", "Stove", "Compass", "Headlamp")),
            new Department("Toys", List.of("Puzzle", "Robot", "Doll", "Blocks", "Kite")),
            new Department("Books", List.of("Novel", "Cookbook", "Atlas", "Biography", "Guide")),
            new Department("Music", List.of("Guitar", "Ukulele", "Keyboard", "Drum Pad", "Microphone")),
            new Department("Pets", List.of("Leash", "Bowl", "Bed", "Toy", "Brush")),
            new Department("Grocery", List.of("Coffee", "Tea", "Chocolate", "Olive Oil", "Honey")));

    static final int SUBCATEGORIES_PER_DEPARTMENT = 10;
    static final int LEAVES_PER_SUBCATEGORY = 5;

    static final List<String> STYLES = List.of("Classic", "Pro", "Compact", "Deluxe", "Eco", "Urban", "Nordic",
            "Studio", "Travel", "Essential", "Premium", "Smart", "Vintage", "Sport", "Everyday", "Max");
    static final List<String> BRANDS = List.of("Acme", "Northwind", "Globex", "Initech", "Umbrella", "Soylent",
            "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Aperture", "Monarch", "Gringotts");
    static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Margaret",
            "Dennis", "Frances", "Edsger", "Radia", "Tim", "Sophie", "John", "Hedy", "Niklaus", "Karen", "Donald",
            "Lena", "Guido", "Anita", "James", "Mary", "Bjarne");
    static final List<String> LAST_NAMES = List.of("Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson",
            "Hamilton", "Ritchie", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Wilson", "McCarthy", "Lamarr",
            "Wirth", "Jones", "Knuth", "Meyer", "Rossum", "Borg", "Gosling", "Shaw", "Stroustrup");
    static final List<String> STREETS = List.of("Main Street", "Oak Avenue", "Harbour Road", "Station Road",
            "Mill Lane", "Park Street", "Canal Street", "Market Square", "High Street", "Church Road");

    /** A buyer's country, its cities and how many buyers live there (per 100). */
    record Country(String code, @Nullable String state, List<String> cities, int share) {}

    static final List<Country> COUNTRIES = List.of(
            new Country("US", "NY", List.of("New York", "Boston", "Chicago", "Atlanta"), 40),
            new Country("MX", "CDMX", List.of("Mexico City", "Guadalajara", "Monterrey"), 5),
            new Country("GB", null, List.of("London", "Manchester", "Leeds"), 15),
            new Country("NL", null, List.of("Amsterdam", "Utrecht", "Rotterdam"), 10),
            new Country("DE", null, List.of("Berlin", "Munich", "Hamburg"), 20),
            new Country("SE", null, List.of("Stockholm", "Gothenburg", "Malmo"), 10));

    /** Warehouses: name and region (regions of {@code tax_rates} and {@code country_regions}). */
    record Warehouse(String name, String region) {}

    static final List<Warehouse> WAREHOUSES = List.of(
            new Warehouse("Seed New Jersey", "us-east"),
            new Warehouse("Seed Nevada", "us-west"),
            new Warehouse("Seed Dublin", "eu-west"),
            new Warehouse("Seed Frankfurt", "eu-central"),
            new Warehouse("Seed Stockholm", "eu-north"),
            new Warehouse("Seed Ohio", "us-east"));

    static final List<String> REVIEW_TITLES_BY_STARS = List.of("Disappointing", "Not great", "It is fine",
            "Good value", "Excellent");
}
