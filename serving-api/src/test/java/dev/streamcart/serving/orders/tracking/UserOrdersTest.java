package dev.streamcart.serving.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.replica.ReadModel;
import org.junit.jupiter.api.Test;

class UserOrdersTest {

    @Test
    void withoutKafkaTheListIsUnavailableRatherThanEmpty() {
        UserOrders orders = new UserOrders(ReadModel.<OrderView>disabled(), new UserOrderIndex());

        assertThatThrownBy(() -> orders.of(1, 10))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProblemKind.UNAVAILABLE));
    }
}
