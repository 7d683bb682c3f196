package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.streamcart.localstack.infra.FreePorts;

/**
 * The ports of the infrastructure, kept between runs so that addresses stay the same when they
 * are still free (bookmarks, logs and clients keep working), and chosen afresh when they are not.
 */
final class PortAssignments {

    private final Path file;
    private final Properties previous = new Properties();
    private final Properties current = new Properties();

    PortAssignments(Path folder) {
        this.file = folder.resolve("ports.properties");
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                previous.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    int port(String name) {
        int wanted = Integer.parseInt(previous.getProperty(name, "0"));
        int port = FreePorts.preferring(wanted);
        current.setProperty(name, Integer.toString(port));
        return port;
    }

    void save() {
        try (Writer writer = Files.newBufferedWriter(file)) {
            current.store(writer, "ports of the local platform");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
