package dev.streamcart.recommender.benchmark;

import picocli.CommandLine.Option;

/** The size of the planted benchmark data and the Spark master it runs on, shared by the benchmark commands. */
public final class PlantedDataOptions {

    @Option(names = "--users", defaultValue = "50000", description = "users (default ${DEFAULT-VALUE})")
    private int users;

    @Option(names = "--products", defaultValue = "100000", description = "products (default ${DEFAULT-VALUE})")
    private int products;

    @Option(names = "--interactions-per-user", defaultValue = "40",
            description = "mean events per user; users x this = events (default ${DEFAULT-VALUE}: 2M)")
    private int perUser;

    @Option(names = "--clusters", defaultValue = "50", description = "planted taste clusters (default ${DEFAULT-VALUE})")
    private int clusters;

    @Option(names = "--spark-master", defaultValue = "local[*]", description = "Spark master (default ${DEFAULT-VALUE})")
    private String sparkMaster = "local[*]";

    /** The planted interactions of these sizes. */
    PlantedInteractions planted() {
        return PlantedInteractions.benchmark(users, products, clusters, perUser);
    }

    String sparkMaster() {
        return sparkMaster;
    }

    /** For reports: {@code 50000 users, 100000 products, 50 clusters}. */
    String describe() {
        return String.format("%d users, %d products, %d clusters", users, products, clusters);
    }
}
