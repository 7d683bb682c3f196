package dev.streamcart.serving.sellers;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/**
 * Sellers: public profile, the operator's verification and commission, a seller's own orders and
 * sales (from PostgreSQL; a seller's sales from ClickHouse are the analytics feature's).
 */
public final class SellersFeature implements Feature {

    private final SellerEndpoints endpoints;

    public SellersFeature(ApiInfrastructure infrastructure) {
        this.endpoints = new SellerEndpoints(infrastructure.bodies(), new SellerDirectory(infrastructure.transactions()),
                new SellerAdministration(infrastructure.transactions()), new SellerOrders(infrastructure.transactions()),
                new SellerSales(infrastructure.transactions()), infrastructure.clock());
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/sellers/{id}", endpoints::profile);
        routes.post("/api/admin/sellers/{id}/verify", writes.guard(endpoints::verify), Role.ADMIN);
        routes.put("/api/admin/sellers/{id}/commission", writes.guard(endpoints::setCommission), Role.ADMIN);
        // declared before the analytics feature's /api/sellers/{id}/sales, which would otherwise take "me"
        routes.get("/api/sellers/me/orders", endpoints::myOrders, Role.SELLER);
        routes.get("/api/sellers/me/sales", endpoints::mySales, Role.SELLER);
    }
}
