package dev.streamcart.serving.shipping;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.idempotency.RequestFingerprint;
import dev.streamcart.serving.idempotency.StoredResponse;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderOwnership;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.Responses;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * HTTP handlers of shipping: options and prices, fulfilment, shipments, carrier tracking events and
 * the tracking timeline. Every state change honours an optional {@code Idempotency-Key}.
 */
public final class ShippingEndpoints {

    public record FulfilResponse(long id, String status, String total, String currency) {}

    public record Tracking(long orderId, List<Shipment> shipments) {}

    private static final int MAX_REGION = 64;

    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final Transactions transactions;
    private final IdempotentRequests idempotent;
    private final ShippingOptions options;
    private final Fulfilment fulfilment;
    private final OrderOwnership ownership;

    public ShippingEndpoints(RequestBodies bodies, ObjectMapper json, Transactions transactions, IdempotentRequests idempotent,
                             ShippingOptions options, Fulfilment fulfilment, OrderOwnership ownership) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.json = Objects.requireNonNull(json, "json");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.idempotent = Objects.requireNonNull(idempotent, "idempotent");
        this.options = Objects.requireNonNull(options, "options");
        this.fulfilment = Objects.requireNonNull(fulfilment, "fulfilment");
    }

    public void shippingOptions(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        ownership.requireBuyer(Access.principal(ctx), orderId);
        ctx.json(options.quote(orderId, region(ctx.queryParam("region"))));
    }

    public void fulfil(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        ownership.requireSeller(Access.principal(ctx), orderId);
        IdempotencyKey key = IdempotencyKey.optional(ctx.header(IdempotencyKey.HEADER));
        StoredResponse response = idempotent.executeOptional(key, "POST " + ctx.path(), RequestFingerprint.of(ctx.path()),
                connection -> {
                    Order order = fulfilment.fulfil(connection, orderId);
                    return Responses.json(json, 200, new FulfilResponse(order.id(), order.status().name(),
                            Money.format(order.total()), order.currency()));
                });
        Responses.send(ctx, response);
    }

    public void ship(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        Long sellerScope = ownership.requireSellerOfSomeItem(Access.principal(ctx), orderId);
        IdempotencyKey key = IdempotencyKey.optional(ctx.header(IdempotencyKey.HEADER));
        JsonBody body = bodies.read(ctx, "shipOrder");
        List<ShipOrder.Line> lines = body.has("items")
                ? body.requiredObjects("items").stream()
                        .map(item -> new ShipOrder.Line(item.requiredId("productId"),
                                item.requiredInt("quantity")))
                        .toList()
                : List.of();
        ShipOrder command = new ShipOrder(orderId, body.requiredText("carrier"),
                body.requiredText("trackingNumber"), lines, sellerScope);
        StoredResponse response = idempotent.executeOptional(key, "POST " + ctx.path(),
                RequestFingerprint.of(json, command),
                connection -> Responses.json(json, 201, fulfilment.ship(connection, command)));
        Responses.send(ctx, response);
    }

    public void trackingEvent(Context ctx) {
        long shipmentId = PathIds.of(ctx, "id");
        IdempotencyKey key = IdempotencyKey.optional(ctx.header(IdempotencyKey.HEADER));
        JsonBody body = bodies.read(ctx, "addTrackingEvent");
        TrackingStatus status = TrackingStatus.reported(body.requiredText("status"));
        String location = body.optionalText("location");
        StoredResponse response = idempotent.executeOptional(key, "POST " + ctx.path(),
                RequestFingerprint.of(json, new TrackingFingerprint(shipmentId, status.name(), location)),
                connection -> Responses.json(json, 201, fulfilment.track(connection, shipmentId, status, location)));
        Responses.send(ctx, response);
    }

    public void tracking(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        ownership.requireBuyerOrSeller(Access.principal(ctx), orderId);
        ctx.json(new Tracking(orderId, transactions.read(connection -> fulfilment.tracking(connection, orderId))));
    }

    private record TrackingFingerprint(long shipmentId, String status, @Nullable String location) {}

    private static @Nullable String region(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String region = raw.trim();
        if (region.length() > MAX_REGION || !region.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
            throw DomainException.invalidInput("query parameter 'region' must be up to " + MAX_REGION
                    + " letters, digits and '-', such as \"eu-west\"");
        }
        return region;
    }
}
