package dev.streamcart.inventory.bench;

import java.io.IOException;
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
 * <p>Arguments: {@code --records N} (200000), {@code --products P} (20000), {@code --data folder}
 * ({@code inventory-streams/target/bench-data}, emptied first).
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int records = Integer.parseInt(options.getOrDefault("records", "200000"));
        int products = Integer.parseInt(options.getOrDefault("products", "20000"));
        Path data = Path.of(options.getOrDefault("data", defaultDataFolder())).toAbsolutePath();
        Folders.delete(data);
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
            double topology = runTopology(infra, registry, admin, data.resolve("state"));

            System.out.println();
            System.out.printf(Locale.ROOT, "plain consumer (Avro deserialisation only):      %,10.0f records/s%n", consumer);
            System.out.printf(Locale.ROOT, "inventory topology, 1 stream thread, EOS v2:     %,10.0f records/s%n", topology);
            System.out.printf(Locale.ROOT, "ratio topology / plain consumer:                 %10.2f%n", topology / consumer);
            System.out.printf(Locale.ROOT, "%d records, %d products, 3 partitions, %d cores, Java %s%n", records, products,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.println("command: java -Xmx1g -cp \"inventory-streams/target/test-classes:inventory-streams/target/classes:"
                    + "$(cat inventory-streams/target/test.classpath)\" " + ThroughputBenchmark.class.getName()
                    + " --records " + records + " --products " + products);
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
    private static double runTopology(LocalInfrastructure infra, SchemaRegistryClient registry, Admin admin, Path state)
            throws Exception {
        String applicationId = "inventory-streams-bench";
        Properties properties = StreamsProperties.exactlyOnce(applicationId, infra.bootstrapServers(), state, 1);
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
            System.out.printf(Locale.ROOT, "topology pass: %,d records at %,.0f rec/s from RUNNING (%.1f s start-up before it)%n",
                    total, rate, (running - created) / 1e9);
            return rate;
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

    private static String defaultDataFolder() {
        return Path.of("inventory-streams").toFile().isDirectory() ? "inventory-streams/target/bench-data" : "target/bench-data";
    }

    private static Map<String, String> options(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IOException("usage: ThroughputBenchmark [--records N] [--products P] [--data folder]; got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
