package dev.streamcart.schemas.streams.query;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a keyed query is answered: this instance's store when it is the active owner of
 * the key's partition, otherwise one hop to the owner Kafka Streams' metadata names. A request
 * that was already forwarded and lands on a non-owner (ownership moved in between) is answered 503
 * rather than forwarded again, so no request bounces between instances. While the instance is not
 * able to serve (starting, restoring after a restart, shutting down) or no instance owns the key, the
 * answer is 503. A rebalance alone does not stop the answers: while another instance joins or leaves,
 * this one keeps the tasks it owns (cooperative rebalancing) and answers from them; a store that moved
 * away in between fails the local read, which is answered 503 as well.
 *
 * <p>When the owner cannot be reached (it died, and the group has not noticed yet: up to the session
 * timeout and the rebalance after it) and this instance keeps a standby copy of the key's partition,
 * the answer comes from that copy, marked {@link QueryReply#possiblyStale()} ({@code X-Possibly-Stale}):
 * it lags the owner by at most what the standby had not replicated when the owner died. A standby
 * cannot vouch that a key is absent, so its "not found" is answered 503 instead.
 *
 * <p>Ownership is computed from the key's String serialisation with the default partitioner,
 * which is how every topic of the catalogue, and every repartition topic keyed by
 * {@code Topics.key(id)}, is partitioned.
 */
public final class KeyOwnerRouter {

    private static final Logger LOG = LoggerFactory.getLogger(KeyOwnerRouter.class);
    private static final Serializer<String> KEY_SERIALIZER = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String selfAddress;
    private final OwnerForwarder forwarder;

    public KeyOwnerRouter(KafkaStreams streams, HostInfo self) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
        this.selfAddress = OwnerForwarder.address(self);
        this.forwarder = new OwnerForwarder(selfAddress);
    }

    /** The answer to {@code request} on {@code route}, whose path carried {@code idText}; never fails. */
    public CompletableFuture<QueryReply> route(QueryRoute route, String idText, QueryRequest request) {
        try {
            return routeOrThrow(route, idText, request).exceptionally(KeyOwnerRouter::failed);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(e));
        }
    }

    private CompletableFuture<QueryReply> routeOrThrow(QueryRoute route, String idText, QueryRequest request) {
        long id = parseId(route, idText);
        route.answer().check(request);
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return done(QueryReply.unavailable("this instance is " + state + "; try again"));
        }
        String key = Topics.key(id);
        KeyQueryMetadata owner = streams.queryMetadataForKey(route.storeName(), key, KEY_SERIALIZER);
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return done(QueryReply.unavailable("no instance owns " + route.idName() + " " + id + " right now (rebalancing); try again"));
        }
        if (self.equals(owner.activeHost())) {
            CompletionStage<QueryReply> local = route.answer().answer(new OwnedKey(id, key, owner.partition(), selfAddress, false),
                    request);
            return local.toCompletableFuture();
        }
        if (request.forwarded()) {
            return done(QueryReply.unavailable(route.idName() + " " + id + " moved while " + request.forwardedBy()
                    + " forwarded the request; try again"));
        }
        Duration timeout = route.answer().ownerTimeout(request);
        if (!owner.standbyHosts().contains(self)) {
            return forwarder.forward(owner.activeHost(), request, timeout);
        }
        OwnedKey standbyCopy = new OwnedKey(id, key, owner.partition(), selfAddress, true);
        return forwarder.forward(owner.activeHost(), request, timeout, () -> fromStandby(route, standbyCopy, request));
    }

    private static CompletableFuture<QueryReply> fromStandby(QueryRoute route, OwnedKey standbyCopy, QueryRequest request) {
        return route.answer().answer(standbyCopy, request).toCompletableFuture().thenApply(reply -> reply.status() == 404
                ? QueryReply.unavailable("the owner of " + route.idName() + " " + standbyCopy.id()
                        + " cannot be reached, and its standby copy does not have it (yet); try again")
                : reply.markedPossiblyStale());
    }

    private static long parseId(QueryRoute route, String idText) {
        try {
            return Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw new BadQueryException(route.idName() + " must be a whole number, was '" + idText + "'");
        }
    }

    /** The one place failures become answers: the caller's mistakes 400, migrations 503, bugs 500. */
    private static QueryReply failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof BadQueryException bad) {
            return QueryReply.badRequest(bad.getMessage());
        }
        if (cause instanceof InvalidStateStoreException migrating) {
            return QueryReply.unavailable("the store is migrating (" + migrating.getMessage() + "); try again");
        }
        LOG.error("query failed", cause);
        return QueryReply.problem(500, "Internal Server Error", cause.toString(), null);
    }

    private static CompletableFuture<QueryReply> done(QueryReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
