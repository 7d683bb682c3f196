package dev.streamcart.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresLocationTest {

    @Test
    void hostPortAndDatabaseComeFromTheJdbcUrl() {
        assertThat(PostgresLocation.fromJdbcUrl("jdbc:postgresql://127.0.0.1:54321/postgres?sslmode=disable"))
                .isEqualTo(new PostgresLocation("127.0.0.1", 54321, "postgres"));
    }

    @Test
    void portDefaultsTo5432() {
        assertThat(PostgresLocation.fromJdbcUrl("jdbc:postgresql://db.internal/shop"))
                .isEqualTo(new PostgresLocation("db.internal", 5432, "shop"));
    }

    @Test
    void otherUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PostgresLocation.fromJdbcUrl("jdbc:mysql://h/db")).hasMessageContaining("not a PostgreSQL");
        assertThatThrownBy(() -> PostgresLocation.fromJdbcUrl("jdbc:postgresql://h:1/")).hasMessageContaining("no database");
    }
}
