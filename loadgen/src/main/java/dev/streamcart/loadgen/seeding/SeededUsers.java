package dev.streamcart.loadgen.seeding;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import dev.streamcart.serving.orders.ShippingAddressKey;

/**
 * The seeded customers in memory: the country each lives in (its region decides tax, warehouse and
 * shipping zone), the department each prefers (so the recommender has structure to learn) and the
 * id of the one default shipping address each has.
 */
final class SeededUsers {

    /** Share of a user's picks from their preferred department; the rest follow overall popularity. */
    static final double PREFERRED_DEPARTMENT_SHARE = 0.6;

    final int users;
    final long firstUserId;
    final long firstAddressId;
    final int[] countryOf;
    final int[] preferredDepartment;

    SeededUsers(int users, long firstUserId, long firstAddressId) {
        this.users = users;
        this.firstUserId = firstUserId;
        this.firstAddressId = firstAddressId;
        this.countryOf = new int[users];
        this.preferredDepartment = new int[users];
    }

    void generate(SplittableRandom random, int departments) {
        for (int u = 0; u < users; u++) {
            countryOf[u] = countryIndex(random.nextInt(100));
            preferredDepartment[u] = random.nextInt(departments);
        }
    }

    private static int countryIndex(int percentile) {
        int cumulative = 0;
        for (int c = 0; c < Vocabulary.COUNTRIES.size(); c++) {
            cumulative += Vocabulary.COUNTRIES.get(c).share();
            if (percentile < cumulative) {
                return c;
            }
        }
        return 0;
    }

    long userId(int user) {
        return firstUserId + user;
    }

    long addressId(int user) {
        return firstAddressId + user;
    }

    Vocabulary.Country country(int user) {
        return Vocabulary.COUNTRIES.get(countryOf[user]);
    }

    /** The buyer's region as checkout resolves it: {@code country_regions} of the address's country. */
    String region(int user, Map<String, String> countryRegions) {
        String code = country(user).code();
        return countryRegions.getOrDefault(code, code.toLowerCase(Locale.ROOT));
    }

    String firstName(int user) {
        return Vocabulary.FIRST_NAMES.get(user % Vocabulary.FIRST_NAMES.size());
    }

    String lastName(int user) {
        return Vocabulary.LAST_NAMES.get((user / Vocabulary.FIRST_NAMES.size()) % Vocabulary.LAST_NAMES.size());
    }

    String email(int user) {
        return "shopper" + userId(user) + "@seed.streamcart.local";
    }

    String addressLine(int user) {
        return (1 + user % 250) + " " + Vocabulary.STREETS.get(user % Vocabulary.STREETS.size());
    }

    String city(int user) {
        Vocabulary.Country country = country(user);
        return country.cities().get(user % country.cities().size());
    }

    String postalCode(int user) {
        return String.valueOf(10_000 + user % 89_999);
    }

    /** The key checkout puts on ORDER_PLACED for the fraud signals, computed by the API's own function. */
    String shippingAddressKey(int user) {
        Vocabulary.Country country = country(user);
        return ShippingAddressKey.of(addressLine(user), null, city(user), country.state(), postalCode(user), country.code());
    }
}
