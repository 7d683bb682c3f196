package dev.streamcart.serving.inventory;

/** A product of which fewer units are available, over all warehouses, than an order asks for. */
public record Shortage(long productId, int requested, int available) {}
