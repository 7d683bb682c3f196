package dev.streamcart.schemas.streams.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request on, once, to the instance that owns its key, marked so the owner never forwards
 * it again, and passes the owner's answer back unchanged. An owner that does not answer in time
 * becomes a 503 the caller can retry; the failure is logged, not swallowed.
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
                LOG.warn("forwarding {} to its owner {} failed: {}", request.pathAndQuery(), ownerAddress, error.toString());
                return QueryReply.unavailable("the owner " + ownerAddress + " did not answer " + request.pathAndQuery()
                        + " (" + error.getClass().getSimpleName() + "); try again");
            }
            return new QueryReply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                    response.body(),
                    response.headers().firstValue(QueryHeaders.SERVED_BY).orElse(null));
        });
    }

    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
