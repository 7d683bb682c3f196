package dev.streamcart.localstack.launcher.verify;

/** One row of PostgreSQL's {@code inventory} table: a product's stock in one warehouse. */
record InventoryRow(long productId, long warehouseId, int onHand, int reserved) {}
