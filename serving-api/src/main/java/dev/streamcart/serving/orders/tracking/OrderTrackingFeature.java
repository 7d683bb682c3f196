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
public final class OrderTrackingFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(OrderTrackingFeature.class);

    private final ReadModel<OrderView> view;
    private final FraudSignalSource fraudSignals;
    private final UserOrderEndpoints userOrders;

    private OrderTrackingFeature(ReadModel<OrderView> view, FraudSignalSource fraudSignals,
                                 @Nullable StreamsQueryClient queries) {
        this.view = view;
        this.fraudSignals = fraudSignals;
        this.userOrders = new UserOrderEndpoints(new UserOrders(queries));
    }

    public static OrderTrackingFeature start(ApiInfrastructure infrastructure, @Nullable QueryEndpoints orderQueries) {
        if (!infrastructure.kafkaEnabled()) {
            return new OrderTrackingFeature(ReadModel.disabled(), FraudSignalSource.none(), null);
        }
        if (orderQueries == null) {
            LOG.warn("no {} configured: order views and fraud signals are disabled", ServingApiConfig.ORDER_QUERY_URLS);
            return new OrderTrackingFeature(ReadModel.disabled(), FraudSignalSource.none(), null);
        }
        Lifecycle lifecycle = infrastructure.lifecycle();
        StreamsQueryClient queries = lifecycle.add(new StreamsQueryClient(orderQueries, StreamsQueryClient.REQUEST_TIMEOUT));
        return new OrderTrackingFeature(new QueriedReadModel<>(queries, "orders", OrderView.class),
                new QueriedFraudSignals(new QueriedReadModel<>(queries, "fraud-signals",
                        dev.streamcart.schemas.fraud.FraudSignals.class)),
                queries);
    }

    /** Each order's view, as order-streams computed it. */
    public ReadModel<OrderView> view() {
        return view;
    }

    /** Order-streams' velocity signals per buyer; none without order-streams. */
    public FraudSignalSource fraudSignals() {
        return fraudSignals;
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/users/{id}/orders", userOrders::list, Role.SIGNED_IN);
    }
}
