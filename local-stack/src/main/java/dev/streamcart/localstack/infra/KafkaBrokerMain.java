package dev.streamcart.localstack.infra;

import java.nio.file.Path;

import dev.streamcart.schemas.runtime.ParentWatchdog;

/**
 * Runs {@link KafkaBroker} as its own process, so the launcher can stop (or a test can kill) the
 * broker independently of everything else. Arguments: folder, broker port, controller port.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <folder> <port> <controller-port>");
            System.exit(2);
        }
        ParentWatchdog.watch(Long.getLong("platform.parent-pid", 0L));
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
        System.out.println("STREAMCART READY kafka " + broker.bootstrapServers());
    }
}
