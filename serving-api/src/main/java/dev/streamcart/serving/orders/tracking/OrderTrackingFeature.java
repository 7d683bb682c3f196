package dev.streamcart.serving.orders.tracking;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.serving.ServingApiConfig;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.fraud.FraudSignalSource;
import dev.streamcart.serving.fraud.QueriedFraudSignals;
import dev.streamcart.serving.readmodels.QueriedReadModel;
import dev.streamcart.serving.readmodels.QueryEndpoints;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.readmodels.StreamsQueryClient;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import dev.streamcart.serving.wiring.Lifecycle;
import io.javalin.config.RoutesConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What order-streams knows of orders, asked by interactive queries: each order's view, a buyer's
 * orders, and the fraud signals the payment risk check reads. Disabled without Kafka or without
 * order-streams' query endpoints (the risk check then counts in PostgreSQL alone).
 */
public record OrderTrackingFeature(ReadModel<OrderView> view, FraudSignalSource fraudSignals,
                                   UserOrderEndpoints userOrders) implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(OrderTrackingFeature.class);

    public static OrderTrackingFeature start(ApiInfrastructure infrastructure, @Nullable QueryEndpoints orderQueries) {
        if (!infrastructure.kafkaEnabled()) {
            return disabled();
        }
        if (orderQueries == null) {
            LOG.warn("no {} configured: order views and fraud signals are disabled", ServingApiConfig.ORDER_QUERY_URLS);
            return disabled();
        }
        Lifecycle lifecycle = infrastructure.lifecycle();
        StreamsQueryClient queries = lifecycle.add(new StreamsQueryClient(orderQueries, StreamsQueryClient.REQUEST_TIMEOUT));
        return new OrderTrackingFeature(new QueriedReadModel<>(queries, "orders", OrderView.class),
                new QueriedFraudSignals(new QueriedReadModel<>(queries, "fraud-signals",
                        dev.streamcart.schemas.fraud.FraudSignals.class)),
                new UserOrderEndpoints(new UserOrders(queries)));
    }

    private static OrderTrackingFeature disabled() {
        return new OrderTrackingFeature(ReadModel.disabled(), FraudSignalSource.none(),
                new UserOrderEndpoints(new UserOrders(null)));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/users/{id}/orders", userOrders::list, Role.SIGNED_IN);
    }
}
