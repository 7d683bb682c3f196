package dev.streamcart.recommender.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.interactions.Signal;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Interaction events from a tab-separated file, one per line: {@code user item signal units
 * epochMillis categoryId}, e.g. a seeded shop exported without running the platform, so that the
 * sweep can compare models on it. Read in the driver: meant for a few million lines at most.
 *
 * @param events     rows of {@link InteractionEvents#SCHEMA}
 * @param categories product id to category id, for the favourite-categories baseline
 */
record EventsFile(List<Row> events, Map<Integer, Long> categories) {

    static EventsFile read(Path file) throws IOException {
        List<Row> events = new ArrayList<>();
        Map<Integer, Long> categories = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                long item = Long.parseLong(fields[1]);
                events.add(RowFactory.create(Long.parseLong(fields[0]), item, Signal.valueOf(fields[2]).name(),
                        Integer.parseInt(fields[3]), Timestamp.from(Instant.ofEpochMilli(Long.parseLong(fields[4])))));
                categories.put((int) item, Long.parseLong(fields[5]));
            }
        }
        return new EventsFile(events, categories);
    }

    Dataset<Row> dataset(SparkSession spark) {
        return spark.createDataFrame(events, InteractionEvents.SCHEMA).repartition(8);
    }
}
