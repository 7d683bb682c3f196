package dev.streamcart.localstack.infra;

import java.nio.file.Path;

import dev.streamcart.schemas.runtime.ParentWatchdog;

/**
 * Runs {@link KafkaBroker} as its own process, so the launcher can stop (or a test can kill) the
 * broker independently of everything else. Arguments: folder, broker port, controller port; or, for
 * one node of a cluster, folder, broker port, node id, every node's controller port, cluster id.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) {
        if (args.length != 3 && args.length != 5) {
            System.err.println("usage: KafkaBrokerMain <folder> <port> <controller-port>"
                    + "\n       KafkaBrokerMain <folder> <port> <node-id> <controller-ports,...> <cluster-id>");
            System.exit(2);
        }
        ParentWatchdog.watch(Long.getLong("platform.parent-pid", 0L));
        Path folder = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        KafkaBroker broker = args.length == 3
                ? KafkaBroker.start(folder, port, Integer.parseInt(args[2]))
                : KafkaBroker.start(folder, port, KafkaQuorum.parse(args[2], args[3], args[4]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
        System.out.println("STREAMCART READY kafka " + broker.bootstrapServers());
    }
}
