package dev.streamcart.schemas.streams;

import java.util.function.Function;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import dev.streamcart.schemas.topics.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a Kafka Streams service process, the same for each of them: watch the launcher,
 * create missing topics, start, print the ready line once RUNNING, close on shutdown, and exit
 * non-zero on a start or processing failure so a supervisor restarts it from committed state.
 */
public final class StreamsService {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    private StreamsService() {}

    /** Runs until the process is stopped; never returns normally after a failure. */
    public static void run(String serviceName, Settings settings, Function<Settings, StreamsApplication> application) {
        ParentWatchdog.watch(settings.getLong(CommonKeys.PARENT_PID, 0));
        StreamsApplication running;
        try {
            TopicProvisioner.ensureTopics(settings.require(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                    (short) settings.getInt(CommonKeys.KAFKA_TOPIC_REPLICATION_FACTOR, 1));
            running = application.apply(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, serviceName + "-shutdown"));
            running.running().thenRun(() -> {
                System.out.println("STREAMCART READY " + serviceName);
                System.out.flush();
            });
            running.start();
        } catch (RuntimeException e) {
            LOG.error("{} cannot start: {}", serviceName, e.getMessage(), e);
            System.exit(2);
            return;
        }
        Throwable failure = running.failure().join();
        LOG.error("{} stopped on an error; exiting so it restarts from its committed state", serviceName, failure);
        System.exit(1);
    }
}
