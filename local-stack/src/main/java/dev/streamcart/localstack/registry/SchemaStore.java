package dev.streamcart.localstack.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Subjects, versions, global ids and compatibility settings, kept in memory and made durable in a
 * compacted Kafka topic (like Confluent's {@code _schemas}). Every write is acknowledged by Kafka
 * before it is applied, and a restart replays the topic. One writer (this registry) is assumed.
 */
final class SchemaStore implements AutoCloseable {

    static final String TOPIC = "_schemas";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new TreeMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idByCanonicalSchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelBySubject = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    SchemaStore(String bootstrapServers) {
        ensureTopic(bootstrapServers);
        replay(bootstrapServers);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    synchronized int register(String subject, String schemaText) {
        Schema candidate = parse(schemaText);
        String canonical = candidate.toString();
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        for (RegisteredSchema existing : versions) {
            if (existing.schema().equals(canonical)) {
                return existing.id();
            }
        }
        if (!levelOf(subject).allows(candidate, parsedVersions(versions))) {
            throw new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\" under compatibility " + levelOf(subject));
        }
        int id = idByCanonicalSchema.getOrDefault(canonical, nextId);
        RegisteredSchema registered = new RegisteredSchema(subject, versions.size() + 1, id, canonical);
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", registered.version());
        ObjectNode value = JSON.createObjectNode().put("subject", subject).put("version", registered.version())
                .put("id", id).put("schema", canonical);
        append(key, value);
        apply(registered);
        return id;
    }

    synchronized @Nullable RegisteredSchema lookup(String subject, String schemaText) {
        String canonical = parse(schemaText).toString();
        for (RegisteredSchema existing : versionsBySubject.getOrDefault(subject, List.of())) {
            if (existing.schema().equals(canonical)) {
                return existing;
            }
        }
        return null;
    }

    synchronized boolean isCompatible(String subject, String version, String schemaText) {
        Schema candidate = parse(schemaText);
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            throw new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
        }
        CompatibilityLevel level = levelOf(subject);
        if ("latest".equals(version) || level.name().endsWith("_TRANSITIVE")) {
            return level.allows(candidate, parsedVersions(versions));
        }
        return level.allows(candidate, List.of(parse(version(subject, version).schema())));
    }

    synchronized List<String> subjects() {
        return new ArrayList<>(versionsBySubject.keySet());
    }

    synchronized List<Integer> versions(String subject) {
        return subjectVersions(subject).stream().map(RegisteredSchema::version).toList();
    }

    synchronized RegisteredSchema version(String subject, String version) {
        List<RegisteredSchema> versions = subjectVersions(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        try {
            int number = Integer.parseInt(version);
            if (number >= 1 && number <= versions.size()) {
                return versions.get(number - 1);
            }
        } catch (NumberFormatException e) {
            throw new RegistryException(422, 42202, "invalid version '" + version + "'");
        }
        throw new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    synchronized String schemaById(int id) {
        String schema = schemaById.get(id);
        if (schema == null) {
            throw new RegistryException(404, 40403, "Schema " + id + " not found");
        }
        return schema;
    }

    synchronized CompatibilityLevel levelOf(@Nullable String subject) {
        return subject == null ? globalLevel : levelBySubject.getOrDefault(subject, globalLevel);
    }

    synchronized void setLevel(@Nullable String subject, CompatibilityLevel level) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject);
        ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", level.name());
        append(key, value);
        applyLevel(subject, level);
    }

    private List<RegisteredSchema> subjectVersions(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private static List<Schema> parsedVersions(List<RegisteredSchema> versions) {
        return versions.stream().map(v -> parse(v.schema())).toList();
    }

    private static Schema parse(String schemaText) {
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException e) {
            throw new RegistryException(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private void apply(RegisteredSchema registered) {
        versionsBySubject.computeIfAbsent(registered.subject(), s -> new ArrayList<>()).add(registered);
        schemaById.put(registered.id(), registered.schema());
        idByCanonicalSchema.putIfAbsent(registered.schema(), registered.id());
        nextId = Math.max(nextId, registered.id() + 1);
    }

    private void applyLevel(@Nullable String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            levelBySubject.put(subject, level);
        }
    }

    private void append(JsonNode key, JsonNode value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, 0, key.toString(), value.toString())).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(503, 50003, "interrupted while storing the schema");
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryException(503, 50003, "cannot store the schema in Kafka: " + e.getMessage());
        }
    }

    private static void ensureTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!topics.contains(TOPIC)) {
                // the broker's default replication: 1 on one broker, 3 in a cluster
                NewTopic topic = new NewTopic(TOPIC, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + TOPIC + " on " + bootstrapServers, e);
        }
    }

    private void replay(String bootstrapServers) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    replayRecord(record);
                }
            }
        }
    }

    private void replayRecord(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            JsonNode key = JSON.readTree(record.key());
            JsonNode value = JSON.readTree(record.value());
            if ("SCHEMA".equals(key.path("keytype").asText())) {
                apply(new RegisteredSchema(value.path("subject").asText(), value.path("version").asInt(),
                        value.path("id").asInt(), value.path("schema").asText()));
            } else if ("CONFIG".equals(key.path("keytype").asText())) {
                String subject = key.path("subject").isNull() ? null : key.path("subject").asText();
                applyLevel(subject, CompatibilityLevel.parse(value.path("compatibilityLevel").asText()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt record in " + TOPIC + " at offset " + record.offset(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
