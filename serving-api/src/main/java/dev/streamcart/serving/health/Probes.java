package dev.streamcart.serving.health;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.streamcart.serving.recommendations.ModelRepository;
import dev.streamcart.serving.recommendations.RecommenderModel;

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

    public static ComponentHealth recommender(ModelRepository models) {
        RecommenderModel model = models.current();
        return model == null
                ? ComponentHealth.unknown("no model version yet; serving best sellers")
                : ComponentHealth.up("model " + model.version());
    }
}
