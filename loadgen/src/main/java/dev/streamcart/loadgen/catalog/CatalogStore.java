package dev.streamcart.loadgen.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the catalog in {@code <data-dir>/loadgen/catalog.json}. Writes go to a temporary file that
 * is then renamed, so a crash mid-write never leaves a half catalog behind.
 */
public final class CatalogStore {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public CatalogStore(Path dataDir) {
        this.file = Objects.requireNonNull(dataDir, "dataDir").resolve("loadgen").resolve("catalog.json");
    }

    public Path file() {
        return file;
    }

    /** The saved catalog, or null when there is none (or it is of an older format). */
    public @Nullable Catalog load() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Catalog catalog = json.readValue(file.toFile(), Catalog.class);
            return catalog.formatVersion() == Catalog.FORMAT_VERSION ? catalog : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved catalog " + file
                    + " (delete it or run with --fresh-catalog)", e);
        }
    }

    public void save(Catalog catalog) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temporary.toFile(), catalog);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the catalog to " + file, e);
        }
    }
}
