package dev.streamcart.serving.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.junit.jupiter.api.Test;

class TransactionsTranslationTest {

    @Test
    void aDatabaseThatCannotBeReachedIsARetriable503() {
        for (String state : new String[] {"08006", "08001", "08003", "57P01", "57P03"}) {
            RuntimeException translated = Transactions.translate(new SQLException("gone", state));

            assertThat(translated).as(state).isInstanceOf(DomainException.class);
            assertThat(((DomainException) translated).kind()).as(state).isEqualTo(ProblemKind.UNAVAILABLE);
        }
    }

    @Test
    void anUnknownFailureStaysAnInternalError() {
        assertThat(Transactions.translate(new SQLException("boom", "XX000"))).isInstanceOf(IllegalStateException.class);
        assertThat(Transactions.translate(new SQLException("no state"))).isInstanceOf(IllegalStateException.class);
    }
}
