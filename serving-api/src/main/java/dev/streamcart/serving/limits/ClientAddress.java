package dev.streamcart.serving.limits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * The address a request came from, as the per-client limits key it. The socket's peer, unless that
 * peer is a trusted proxy (HAProxy in front): then {@code X-Forwarded-For} is read from the right,
 * each trusted proxy's entry skipped, and the first other address is the client. Entries left of it
 * were written by the client and are ignored, so nobody can pick their own key.
 */
public final class ClientAddress {

    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** An IPv4 or IPv6 literal; anything else in the header is not an address a proxy would write. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(proxy -> proxy.toLowerCase(Locale.ROOT)).toList());
    }

    public String of(Context ctx) {
        Enumeration<String> headers = ctx.req().getHeaders(FORWARDED_FOR);
        return resolve(ctx.req().getRemoteAddr(), headers == null ? List.of() : Collections.list(headers));
    }

    String resolve(String peer, List<String> forwardedFor) {
        String client = Objects.requireNonNull(peer, "peer").toLowerCase(Locale.ROOT);
        if (!trustedProxies.contains(client)) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim().toLowerCase(Locale.ROOT));
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!ADDRESS.matcher(hop).matches()) {
                return client; // a proxy writes addresses only: the chain is not trustworthy beyond here
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return client;
    }
}
