package dev.streamcart.serving.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import dev.streamcart.serving.recommendations.ModelRepository;
import dev.streamcart.serving.recommendations.RecommenderModel;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The probes behind {@code /health}. */
public final class Probes {

    private Probes() {}

    public static ComponentHealth postgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2) ? ComponentHealth.up() : ComponentHealth.down("connection not valid");
        } catch (SQLException e) {
            return ComponentHealth.down(e.getMessage());
        }
    }

    /** The admin client of a Kafka probe: its requests give up after 2 s, so {@code /health} answers quickly. */
    static Admin kafkaAdmin(String bootstrapServers, String clientId) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
    }

    public static ComponentHealth recommender(ModelRepository models) {
        RecommenderModel model = models.current();
        return model == null
                ? ComponentHealth.unknown("no model version yet; serving best sellers")
                : ComponentHealth.up("model " + model.version());
    }
}
