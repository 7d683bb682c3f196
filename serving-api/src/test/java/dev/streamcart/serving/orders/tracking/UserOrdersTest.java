package dev.streamcart.serving.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.junit.jupiter.api.Test;

class UserOrdersTest {

    @Test
    void withoutOrderStreamsTheListIsUnavailableRatherThanEmpty() {
        UserOrders orders = new UserOrders(null);

        assertThatThrownBy(() -> orders.of(1, 10))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProblemKind.UNAVAILABLE));
    }
}
