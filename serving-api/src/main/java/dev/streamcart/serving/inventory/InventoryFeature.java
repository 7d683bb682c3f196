package dev.streamcart.serving.inventory;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/** Stock arriving at a warehouse, recorded by its seller. */
public final class InventoryFeature implements Feature {

    private final InventoryEndpoints endpoints;

    public InventoryFeature(ApiInfrastructure infrastructure) {
        this.endpoints = new InventoryEndpoints(infrastructure.bodies(), new StockReceipts(infrastructure.transactions()));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.post("/api/inventory/receipts", writes.guard(endpoints::receive), Role.SELLER);
    }
}
