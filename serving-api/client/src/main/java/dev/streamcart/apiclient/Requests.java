package dev.streamcart.apiclient;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** Request bodies of the API, with exactly the JSON field names of the contract (serving-api's openapi.yaml). */
public final class Requests {

    private Requests() {}

    public record NewSeller(String name, String email) {
        public NewSeller {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewCategory(String name, @Nullable Long parentId) {
        public NewCategory {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Money travels as a decimal string such as "19.99". */
    public record NewProduct(long sellerId, long categoryId, String sku, String name, String description,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, String currency) {
        public NewProduct {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(currency, "currency");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewWarehouse(String name, @Nullable String region) {
        public NewWarehouse {
            Objects.requireNonNull(name, "name");
        }
    }

    public record StockReceipt(long productId, long warehouseId, int quantity) {
        public StockReceipt {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be positive, was " + quantity);
            }
        }
    }

    public record NewUser(String email, String password, String firstName, String lastName) {
        public NewUser {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(lastName, "lastName");
        }

        @Override
        public String toString() {
            return "NewUser[email=" + email + ", firstName=" + firstName + ", lastName=" + lastName + "]";
        }
    }

    public record OrderLine(long productId, int quantity) {
        public OrderLine {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be positive, was " + quantity);
            }
        }
    }

    public record NewOrder(long userId, List<OrderLine> items) {
        public NewOrder {
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("an order needs at least one item");
            }
        }
    }

    /** A card payment; its toString never shows the card number. */
    public record CardPayment(String method, String cardNumber) {
        public CardPayment {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(cardNumber, "cardNumber");
        }

        public static CardPayment card(String cardNumber) {
            return new CardPayment("card", cardNumber);
        }

        @Override
        public String toString() {
            return "CardPayment[method=" + method + ", card=****" + cardNumber.substring(Math.max(0, cardNumber.length() - 4)) + "]";
        }
    }

    // ---- carts, reviews, addresses ----

    public record CartItem(long productId, int quantity) {
        public CartItem {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be positive, was " + quantity);
            }
        }
    }

    /** Where a cart is quoted for or shipped to; an explicit region wins over the address's country. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(@Nullable Long shippingAddressId, @Nullable String region) {}

    public record NewReview(int rating, String title, String text) {
        public NewReview {
            if (rating < 1 || rating > 5) {
                throw new IllegalArgumentException("rating must be 1 to 5, was " + rating);
            }
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A shipping or billing address, with the JSON names of the API's NewAddress. */
    public record NewAddress(String type, String firstName, String lastName, String line1, String city,
            String postalCode, String country,
            // without the annotation Jackson would call an "is" boolean "default"
            @JsonProperty("isDefault") boolean isDefault) {
        public NewAddress {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(lastName, "lastName");
            Objects.requireNonNull(line1, "line1");
            Objects.requireNonNull(city, "city");
            Objects.requireNonNull(postalCode, "postalCode");
            Objects.requireNonNull(country, "country");
        }
    }
}
