package dev.streamcart.localstack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so what can be checked offline is:
 * compose accepts the file, its images are the versions the jars are built against, the jars it names
 * are the ones the build writes, and every deployed module has a Dockerfile that compose builds.
 */
class DockerComposeFileTest {

    /** The services the file deploys from this repository's jars; local-stack is replaced by the images. */
    private static final List<String> DEPLOYED_MODULES = List.of("ingest-cdc", "inventory-streams", "order-streams",
            "analytics-flink", "serving-api", "recommender-spark", "loadgen");
    private static final String LAUNCHER_MODULE = "local-stack";

    private static final Pattern IMAGE = Pattern.compile("(?m)^\\s*image:\\s*\"?([^\\s\"]+)\"?\\s*$");
    private static final Pattern CLUSTER_JAR = Pattern.compile("analytics-flink-(\\S+?)-cluster\\.jar");
    private static final Pattern SPARK_JARS = Pattern.compile("-Dspark\\.jars=(\\S+)");
    private static final Pattern LIB_JAR = Pattern.compile("/app/lib/(.+)-(\\d[^-]*(?:-SNAPSHOT)?)\\.jar");

    private static final Path REPOSITORY = repository();
    private static final Path COMPOSE_FILE = REPOSITORY.resolve("docker-compose.yml");

    @Test
    void dockerComposeAcceptsTheFile(@TempDir Path folder) throws IOException, InterruptedException {
        Path output = folder.resolve("docker-compose.out");
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE_FILE.toString(), "config", "-q")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // the file refuses to start without the operator's password and the API's database role's (${...:?}
        // variables); any value validates
        builder.environment().putIfAbsent("PLATFORM_ADMIN_PASSWORD", "validation-only");
        builder.environment().putIfAbsent("POSTGRES_APP_PASSWORD", "validation-only");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("docker-compose is not installed (Debian: apt-get install -y docker-compose); "
                    + "it validates the file offline", e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("docker-compose config did not finish within 60 s");
        }

        assertThat(process.exitValue())
                .as("docker-compose config -q on %s said:%n%s", COMPOSE_FILE, Files.readString(output))
                .isZero();
    }

    @Test
    void infrastructureImagesAreTheVersionsTheJarsAreBuiltAgainst() throws IOException {
        Map<String, String> properties = pomProperties();
        List<String> images = images();

        assertThat(versionsOf(images, "apache/kafka")).as("apache/kafka images").isNotEmpty()
                .containsOnly(properties.get("kafka.version"));
        assertThat(versionsOf(images, "apache/spark")).as("apache/spark images").isNotEmpty()
                .containsOnly(properties.get("spark.version"));
        assertThat(versionsOf(images, "flink")).as("flink images").isNotEmpty()
                .containsOnly(properties.get("flink.version"));
        assertThat(tagsOf(images, "flink")).as("the jobs run on Java 17").allMatch(tag -> tag.endsWith("-java17"));
        assertThat(tagsOf(images, "apache/spark")).as("the executors run on Java 17").allMatch(tag -> tag.contains("-java17"));
    }

    @Test
    void theImagesAndJarsOfThisRepositoryAreThisBuildsVersion() throws IOException {
        String version = pomVersion();
        String compose = compose();

        assertThat(images().stream().filter(image -> image.startsWith("streamcart/")).toList())
                .as("images built from this repository").isNotEmpty()
                .allSatisfy(image -> assertThat(image).endsWith(":" + version));
        assertThat(matches(CLUSTER_JAR, compose)).as("the Flink job jar").isNotEmpty().containsOnly(version);
    }

    @Test
    void theJarsShippedToSparkExecutorsAreTheOnesTheBuildWrites() throws IOException {
        Map<String, String> properties = pomProperties();
        String version = pomVersion();
        // the artifacts the executors need besides Spark itself, and the property that versions each
        Map<String, String> expected = Map.of(
                "recommender-spark", version,
                "schemas", version,
                "kafka-clients", properties.get("kafka.version"),
                "postgresql", properties.get("postgresql.version"),
                "avro", properties.get("avro.version"),
                "picocli", properties.get("picocli.version"),
                "jfreechart", properties.get("jfreechart.version"),
                "jspecify", properties.get("jspecify.version"));

        List<String> lists = matches(SPARK_JARS, compose());
        assertThat(lists).as("spark.jars of the training driver").hasSize(1);
        Map<String, String> shipped = new HashMap<>();
        for (String jar : lists.get(0).split(",")) {
            Matcher matcher = LIB_JAR.matcher(jar);
            assertThat(matcher.matches()).as("'%s' names a versioned jar of /app/lib", jar).isTrue();
            shipped.put(matcher.group(1), matcher.group(2));
        }

        assertThat(shipped).isEqualTo(expected);
    }

    @Test
    void everyDeployedModuleHasADockerfileThatComposeBuilds() throws IOException {
        String compose = compose();
        List<String> runnable = new ArrayList<>();
        for (String module : pomModules()) {
            if (Files.exists(REPOSITORY.resolve(module).resolve("runnable")) && !module.equals(LAUNCHER_MODULE)) {
                runnable.add(module);
            }
        }

        assertThat(runnable).as("runnable modules (a 'runnable' file at their root)")
                .containsExactlyInAnyOrderElementsOf(DEPLOYED_MODULES);
        for (String module : DEPLOYED_MODULES) {
            Path dockerfile = REPOSITORY.resolve(module).resolve("Dockerfile");
            assertThat(dockerfile).as("%s's Dockerfile", module).isRegularFile();
            assertThat(Files.readString(dockerfile, StandardCharsets.UTF_8)).as("%s's Dockerfile", module)
                    .contains("FROM eclipse-temurin:17-jre", "COPY target/lib/ /app/lib/", "USER streamcart", "\"-Xmx");
            assertThat(compose).as("docker-compose.yml builds %s", module).contains("build: ./" + module + "\n");
        }
    }

    /** The file without its comments, which may name jars and images by pattern. */
    private static String compose() throws IOException {
        return String.join("\n", Files.readAllLines(COMPOSE_FILE, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.stripLeading().startsWith("#"))
                .toList()) + "\n";
    }

    private static List<String> images() throws IOException {
        return matches(IMAGE, compose());
    }

    /** The tags of {@code repository}'s images: {@code 4.2.0-scala2.13-java17-ubuntu}. */
    private static List<String> tagsOf(List<String> images, String repository) {
        return images.stream()
                .filter(image -> image.startsWith(repository + ":"))
                .map(image -> image.substring(repository.length() + 1))
                .toList();
    }

    /** The version part of each tag: what comes before the first variant suffix ({@code -java17}). */
    private static List<String> versionsOf(List<String> images, String repository) {
        return tagsOf(images, repository).stream()
                .map(tag -> tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag)
                .toList();
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Map<String, String> pomProperties() {
        Map<String, String> properties = new HashMap<>();
        for (Element property : children(child(pom(), "properties"))) {
            properties.put(property.getTagName(), property.getTextContent().trim());
        }
        return properties;
    }

    private static String pomVersion() {
        return child(pom(), "version").getTextContent().trim();
    }

    private static List<String> pomModules() {
        return children(child(pom(), "modules")).stream().map(module -> module.getTextContent().trim()).toList();
    }

    private static Element pom() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(REPOSITORY.resolve("pom.xml").toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the parent pom.xml", e);
        }
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream()
                .filter(element -> element.getTagName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pom.xml has no <" + name + "> under <"
                        + parent.getTagName() + ">"));
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    /** As the launcher finds it: PLATFORM_HOME, else the folder above this one that holds the platform script. */
    private static Path repository() {
        String home = System.getenv("PLATFORM_HOME");
        if (home != null) {
            return Path.of(home).toAbsolutePath();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("platform")) && Files.isDirectory(candidate.resolve("local-stack"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the repository above " + start + "; set PLATFORM_HOME");
    }
}
