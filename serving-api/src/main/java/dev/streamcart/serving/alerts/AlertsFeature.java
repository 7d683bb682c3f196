package dev.streamcart.serving.alerts;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import dev.streamcart.serving.wiring.KafkaConnection;
import io.javalin.config.RoutesConfig;

/**
 * Alerts of the Streams apps, stored in PostgreSQL: inventory-streams' stock alerts (for the
 * dashboard, notified to the product's seller) and order-streams' SLA breaches and anomalies (for
 * operators, late orders notified to their sellers). Without Kafka nothing new arrives.
 */
public record AlertsFeature(StockAlertEndpoints stockAlerts, OrderAlertEndpoints orderAlerts) implements Feature {

    /** Starts consuming both alert topics when Kafka is configured. */
    public static AlertsFeature start(ApiInfrastructure infrastructure) {
        KafkaConnection kafka = infrastructure.kafka();
        if (kafka != null) {
            infrastructure.lifecycle().add(new StockAlertConsumer(kafka.bootstrapServers(), kafka.registry(),
                    infrastructure.transactions()).start());
            infrastructure.lifecycle().add(new OrderAlertConsumer(kafka.bootstrapServers(), kafka.registry(),
                    infrastructure.transactions()).start());
        }
        return new AlertsFeature(new StockAlertEndpoints(new StockAlertStore(infrastructure.transactions())),
                new OrderAlertEndpoints(new OrderAlertStore(infrastructure.transactions())));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/alerts/stock", stockAlerts::recent, Role.SELLER);
        routes.get("/api/admin/order-alerts", orderAlerts::recent, Role.ADMIN);
    }
}
