package dev.streamcart.inventory.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.streamcart.inventory.InventoryStreamsConfig;
import dev.streamcart.inventory.alerts.ReorderSuggestion;
import dev.streamcart.inventory.stock.StockTopology;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.bench.BenchmarkCommand;
import dev.streamcart.schemas.bench.BenchmarkResult;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.StreamsApplication;
import dev.streamcart.schemas.streams.StreamsProperties;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.jspecify.annotations.Nullable;

/**
 * inventory-streams' throughput on ONE stream thread, as a ratio to a plain consumer reading and
 * deserialising the same records in the same run, on a real broker and registry.
 *
 * <p>Produces N {@code InventoryChanged} records (default 200,000) over many products, then measures
 * (a) a plain {@link KafkaConsumer} with the Avro deserialiser reading all of them, and (b) the
 * inventory topology (exactly-once v2, RocksDB store with changelog, both output topics) from RUNNING
 * until its committed input offsets reach the end of the topic (under exactly-once, the offsets
 * commit in the same transaction as the outputs, so every output is then visible to read_committed
 * readers). Prints records/s of each and the ratio. Not a test: run it by hand (see the README).
 *
 * <p>Options (the {@code ./platform bench} contract, see the module README): {@code --records N}
 * (200000), {@code --products P} (20000), {@code --data folder} (every file of the run under it;
 * {@code inventory-streams/target/bench-data} when absent), {@code --results file} (the figures as a
 * {@link BenchmarkResult}, written only when the run succeeds), {@code --smoke} (20000 records over 2000
 * products unless given: proves the benchmark works end to end, its figures mean little).
 */
public final class ThroughputBenchmark {

    private static final String BENCHMARK = "streams";
    private static final int STREAM_THREADS = 1;

    private ThroughputBenchmark() {}

    public static void main(String[] args) {
        try {
            run(Options.parse(args), args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            // the last line is the reason ./platform bench reports
            System.err.println("streams benchmark failed: " + e);
            System.exit(1);
        }
        System.exit(0); // a Kafka client or RocksDB thread left behind must not keep the JVM alive
    }

    private static void run(Options options, String[] args) throws Exception {
        int records = options.records();
        int products = options.products();
        Path data = options.data();
        // this run's own subfolders only: --data may be a folder someone else chose
        for (String folder : List.of("infra", "state", "state-warm-up", "tmp")) {
            Folders.delete(data.resolve(folder));
        }
        // RocksDB and the compression codecs unpack their native libraries into the temporary folder
        System.setProperty("java.io.tmpdir", Files.createDirectories(data.resolve("tmp")).toString());
        System.out.printf(Locale.ROOT, "starting Kafka and the schema registry under %s%n", data);
        try (LocalInfrastructure infra = LocalInfrastructure.builder(data.resolve("infra")).kafka().schemaRegistry().topics().start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            SchemaRegistryClient registry = new SchemaRegistryClient(infra.schemaRegistryUrl());
            double produced = produce(infra, registry, records, products);
            System.out.printf(Locale.ROOT, "produced %,d InventoryChanged records over %,d products (%,.0f rec/s, acks=all)%n",
                    records, products, produced);

            // a warm-up pass so neither side pays for JIT and registry look-ups alone
            consume(infra, registry, records);
            double consumer = consume(infra, registry, records);
            // the same for the topology: a first pass under its own application id and state, then the measured one
            runTopology(infra, registry, admin, "inventory-streams-bench-warm-up", data.resolve("state-warm-up"));
            TopologyPass topology = runTopology(infra, registry, admin, "inventory-streams-bench", data.resolve("state"));
            double ratio = topology.recordsPerSecond() / consumer;

            String conditions = String.format(Locale.ROOT, "%d records, %d products, 3 partitions, %d cores, Java %s",
                    records, products, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            String command = command(args);
            System.out.println();
            System.out.printf(Locale.ROOT, "plain consumer (Avro deserialisation only):      %,10.0f records/s%n", consumer);
            System.out.printf(Locale.ROOT, "inventory topology, 1 stream thread, EOS v2:     %,10.0f records/s%n",
                    topology.recordsPerSecond());
            System.out.printf(Locale.ROOT, "ratio topology / plain consumer:                 %10.2f%n", ratio);
            System.out.println(conditions);
            System.out.println("command: " + command);

            BenchmarkResult result = BenchmarkResult.builder(BENCHMARK)
                    .figure("streams.ratio", ratio)
                    .figure("streams.records_per_s", topology.recordsPerSecond())
                    .figure("streams.consumer_records_per_s", consumer)
                    .figure("streams.produce_records_per_s", produced)
                    .figure("streams.startup_seconds", topology.startupSeconds())
                    .note(conditions + (options.smoke() ? " (smoke run)" : ""))
                    .note(STREAM_THREADS + " stream thread, exactly-once v2, RocksDB store with changelog; records/s timed from"
                            + " RUNNING until the committed input offsets reach the end (start-up is streams.startup_seconds)")
                    .note("both sides measured on their second pass over the input, the first warming up the JIT (the"
                            + " topology's under another application id and state folder); plain consumer: read_committed,"
                            + " Avro deserialisation only; input produced with acks=all")
                    .note(String.format(Locale.ROOT, "load average %.1f at the end of the run",
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                    .build(command);
            if (options.results() != null) {
                result.write(options.results());
                System.out.println("results: " + options.results());
            }
        }
    }

    private static double produce(LocalInfrastructure infra, SchemaRegistryClient registry, int records, int products) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Instant base = Instant.parse("2026-11-26T08:00:00Z");
        long start = System.nanoTime();
        try (KafkaProducer<String, InventoryChanged> producer = new KafkaProducer<>(config, new StringSerializer(),
                Topics.INVENTORY_CHANGES.valueSerde(registry).serializer())) {
            for (int i = 0; i < records; i++) {
                long product = i % products + 1;
                int round = i / products;
                long warehouse = round % 3 + 1;
                int onHand = 500 - round;
                int reserved = round % 50;
                InventoryChanged change = InventoryChanged.newBuilder()
                        .setProductId(product).setWarehouseId(warehouse).setQuantity(onHand).setReservedQuantity(reserved)
                        .setLowStockThreshold(10).setReorderPoint(5).setDeleted(false)
                        .setSourceLsn(i + 1L).setCommittedAt(base.plusMillis(i)).build();
                producer.send(new ProducerRecord<>(Topics.INVENTORY_CHANGES.name(), Topics.key(product), change));
            }
            producer.flush();
        }
        return records / seconds(start);
    }

    /** (a) A plain consumer: assign, read from the beginning, deserialise every value. */
    private static double consume(LocalInfrastructure infra, SchemaRegistryClient registry, int records) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long start = System.nanoTime();
        long seen = 0;
        long checksum = 0;
        try (KafkaConsumer<String, InventoryChanged> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                Topics.INVENTORY_CHANGES.valueSerde(registry).deserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, 3)
                    .mapToObj(p -> new TopicPartition(Topics.INVENTORY_CHANGES.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (seen < records) {
                for (ConsumerRecord<String, InventoryChanged> record : consumer.poll(Duration.ofMillis(200))) {
                    checksum += record.value().getQuantity();
                    seen++;
                }
            }
        }
        double rate = records / seconds(start);
        System.out.printf(Locale.ROOT, "plain consumer pass: %,d records (checksum %d) at %,.0f rec/s%n", seen, checksum, rate);
        return rate;
    }

    /** (b) The topology on one thread, from RUNNING until its committed input offsets reach the end. */
    private static TopologyPass runTopology(LocalInfrastructure infra, SchemaRegistryClient registry, Admin admin,
            String applicationId, Path state) throws Exception {
        Properties properties = StreamsProperties.exactlyOnce(applicationId, infra.bootstrapServers(), state, STREAM_THREADS);
        Map<TopicPartition, Long> end = endOffsets(admin);
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        try (StreamsApplication app = new StreamsApplication(StockTopology.build(registry, new ReorderSuggestion(14),
                InventoryStreamsConfig.DEFAULT_VELOCITY_REFRESH_INTERVAL), properties)) {
            long created = System.nanoTime();
            app.start();
            app.running().orTimeout(120, TimeUnit.SECONDS).join();
            long running = System.nanoTime();
            while (!committed(admin, applicationId).equals(end)) {
                if (app.streams().state() != KafkaStreams.State.RUNNING && app.streams().state() != KafkaStreams.State.REBALANCING) {
                    throw new IllegalStateException("the topology stopped: " + app.streams().state());
                }
                TimeUnit.MILLISECONDS.sleep(20); // a benchmark's completion poll, not test synchronisation
            }
            double rate = total / seconds(running);
            double startup = (running - created) / 1e9;
            System.out.printf(Locale.ROOT, "topology pass %s: %,d records at %,.0f rec/s from RUNNING (%.1f s start-up"
                    + " before it)%n", applicationId, total, rate, startup);
            return new TopologyPass(rate, startup);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < 3; partition++) {
            latest.put(new TopicPartition(Topics.INVENTORY_CHANGES.name(), partition), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(Topics.INVENTORY_CHANGES.name()) && entry.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The command line that reproduces this run: this JVM's flags, the contract's classpath, the arguments given. */
    private static String command(String[] args) {
        return BenchmarkCommand.of(BenchmarkCommand.testClasspath("inventory-streams"), ThroughputBenchmark.class, List.of(args));
    }

    /** The topology's pass: records/s from RUNNING, and the seconds from start() to RUNNING. */
    private record TopologyPass(double recordsPerSecond, double startupSeconds) {}

    /** The command line's options. */
    private record Options(int records, int products, Path data, @Nullable Path results, boolean smoke) {

        private static final String USAGE = "usage: ThroughputBenchmark [--records N] [--products P] [--data folder]"
                + " [--results file.json] [--smoke]";

        static Options parse(String[] args) throws IOException {
            Map<String, String> values = new HashMap<>();
            boolean smoke = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--smoke")) {
                    smoke = true;
                } else if (List.of("--records", "--products", "--data", "--results").contains(args[i]) && i + 1 < args.length) {
                    values.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IOException(USAGE + "; got " + args[i]);
                }
            }
            int records = Integer.parseInt(values.getOrDefault("records", smoke ? "20000" : "200000"));
            int products = Integer.parseInt(values.getOrDefault("products", smoke ? "2000" : "20000"));
            Path data = Path.of(values.getOrDefault("data", defaultDataFolder())).toAbsolutePath();
            Path results = values.containsKey("results") ? Path.of(values.get("results")).toAbsolutePath() : null;
            return new Options(records, products, data, results, smoke);
        }

        private static String defaultDataFolder() {
            return Path.of("inventory-streams").toFile().isDirectory() ? "inventory-streams/target/bench-data" : "target/bench-data";
        }
    }
}
