package dev.streamcart.schemas.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the migration scripts of a classpath folder, from a directory (IDE, tests) or from a jar
 * (the launcher's {@code target/lib}), sorted by version.
 */
public final class MigrationScripts {

    /** The folder of this module's ClickHouse scripts. */
    public static final String DEFAULT_FOLDER = "clickhouse";

    private MigrationScripts() {}

    public static List<Migration> fromClasspath(String folder) {
        ClassLoader loader = MigrationScripts.class.getClassLoader();
        URL url = loader.getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no migration folder '" + folder + "' on the classpath");
        }
        List<String> names = switch (url.getProtocol()) {
            case "file" -> namesInDirectory(url);
            case "jar" -> namesInJar(url, folder);
            default -> throw new IllegalStateException("cannot list migrations at " + url);
        };
        List<Migration> migrations = new ArrayList<>();
        for (String name : names) {
            migrations.add(Migration.fromFile(name, read(loader, folder + "/" + name)));
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        Map<Integer, String> seen = new HashMap<>();
        for (Migration migration : migrations) {
            String previous = seen.put(migration.version(), migration.description());
            if (previous != null) {
                throw new IllegalStateException("two migrations share version " + migration.version() + ": "
                        + previous + " and " + migration.description());
            }
        }
        return migrations;
    }

    private static List<String> namesInDirectory(URL url) {
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(path -> path.getFileName().toString()).filter(Migration::isScriptName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad migration folder URL " + url, e);
        }
    }

    private static List<String> namesInJar(URL url, String folder) {
        try {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            String prefix = folder + "/";
            List<String> names = new ArrayList<>();
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                    String name = entry.getName();
                    if (name.startsWith(prefix) && Migration.isScriptName(name.substring(prefix.length()))) {
                        names.add(name.substring(prefix.length()));
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + url, e);
        }
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " vanished from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
