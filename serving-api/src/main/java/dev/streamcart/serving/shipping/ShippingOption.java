package dev.streamcart.serving.shipping;

import java.time.LocalDate;

/** One carrier's offer for an order's parcel: price as a decimal string, arrival estimate as a date. */
public record ShippingOption(String carrier, String carrierName, String price, String currency, int deliveryDays,
                             LocalDate estimatedDeliveryDate) {}
