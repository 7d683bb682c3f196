package dev.streamcart.schemas.streams.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request on, once, to the instance that owns its key, marked so the owner never forwards
 * it again, and passes the owner's answer back unchanged. An owner that does not answer in time
 * becomes a 503 the caller can retry, or the fallback answer the caller offers (a standby copy);
 * the failure is logged, not swallowed.
 */
final class OwnerForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerForwarder.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final String self;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    OwnerForwarder(String self) {
        this.self = Objects.requireNonNull(self, "self");
    }

    CompletableFuture<QueryReply> forward(HostInfo owner, QueryRequest request, Duration timeout) {
        return forward(owner, request, timeout, null);
    }

    /**
     * Like {@link #forward(HostInfo, QueryRequest, Duration)}, but an owner that cannot be reached
     * (refused, reset, timed out) is answered by {@code whenUnreachable} when there is one.
     */
    CompletableFuture<QueryReply> forward(HostInfo owner, QueryRequest request, Duration timeout,
                                          @Nullable Supplier<CompletableFuture<QueryReply>> whenUnreachable) {
        String ownerAddress = address(owner);
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create("http://" + ownerAddress + request.pathAndQuery()))
                .header(QueryHeaders.FORWARDED_BY, self)
                .timeout(timeout)
                .GET();
        if (!request.accept().isEmpty()) {
            forwarded.header("Accept", request.accept());
        }
        return http.sendAsync(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null) {
                LOG.warn("forwarding {} to its owner {} failed{}: {}", request.pathAndQuery(), ownerAddress,
                        whenUnreachable == null ? "" : "; answering from the standby copy", error.toString());
                return whenUnreachable != null ? whenUnreachable.get()
                        : CompletableFuture.completedFuture(QueryReply.unavailable("the owner " + ownerAddress
                                + " did not answer " + request.pathAndQuery() + " (" + error.getClass().getSimpleName()
                                + "); try again"));
            }
            return CompletableFuture.completedFuture(new QueryReply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                    response.body(),
                    response.headers().firstValue(QueryHeaders.SERVED_BY).orElse(null),
                    response.headers().firstValue(QueryHeaders.POSSIBLY_STALE).map(Boolean::parseBoolean).orElse(false)));
        }).thenCompose(reply -> reply);
    }

    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
