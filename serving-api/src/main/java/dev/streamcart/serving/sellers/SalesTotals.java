package dev.streamcart.serving.sellers;

/**
 * A seller's sales in one currency (totals are never mixed across currencies): revenue of the units
 * sold and not refunded, the platform's commission on it and what is paid out. Money as decimal strings.
 */
public record SalesTotals(String currency, long orders, long units, String revenue, String commission,
                          String netPayout) {}
