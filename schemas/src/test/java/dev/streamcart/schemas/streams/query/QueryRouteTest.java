package dev.streamcart.schemas.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class QueryRouteTest {

    private static final KeyedAnswer NOTHING = (key, request) -> CompletableFuture.completedFuture(QueryReply.badRequest("unused"));

    @Test
    void aRouteMatchesOnlyItsOwnShapeAndYieldsTheId() {
        QueryRoute orders = new QueryRoute("/users/{userId}/orders", "store", NOTHING);

        assertThat(orders.match("/users/42/orders")).isEqualTo("42");
        assertThat(orders.match("/users/abc/orders")).as("parsed later, to answer 400").isEqualTo("abc");
        assertThat(orders.match("/users/42/orders/1")).isNull();
        assertThat(orders.match("/users//orders")).isNull();
        assertThat(orders.match("/users/4/2/orders")).isNull();
        assertThat(orders.idName()).isEqualTo("userId");
        assertThat(new QueryRoute("/orders/{orderId}", "store", NOTHING).match("/orders/17")).isEqualTo("17");
    }

    @Test
    void queryParametersAreDecodedAndCheckedAgainstTheirRange() {
        QueryRequest request = QueryRequest.of("/users/1/orders", "limit=20&wait-ms=abc&x=a%20b", "avro/binary", null);

        assertThat(request.pathAndQuery()).isEqualTo("/users/1/orders?limit=20&wait-ms=abc&x=a%20b");
        assertThat(request.parameters()).containsEntry("x", "a b");
        assertThat(request.wantsAvro()).isTrue();
        assertThat(request.forwarded()).isFalse();
        assertThat(request.intParameter("limit", 50, 1, 500)).isEqualTo(20);
        assertThat(request.intParameter("absent", 50, 1, 500)).isEqualTo(50);
        assertThatThrownBy(() -> request.intParameter("limit", 50, 1, 10)).isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> request.intParameter("wait-ms", 0, 0, 5000)).isInstanceOf(BadQueryException.class)
                .hasMessageContaining("wait-ms");
    }
}
