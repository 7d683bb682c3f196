package dev.streamcart.serving.pricing;

import java.math.BigDecimal;

/** A priced line: its goods total and the tax on it (see {@link Tax} for the rounding rule). */
public record PricedLine(long productId, long sellerId, long categoryId, int quantity, BigDecimal unitPrice,
                         BigDecimal lineTotal, BigDecimal taxRate, BigDecimal tax) {}
