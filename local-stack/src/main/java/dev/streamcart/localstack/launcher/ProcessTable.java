package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every process of a running platform with its role, pid and address, in {@code run/processes.tsv}:
 * what {@code ./platform status} lists, and where {@code ./platform train} finds each API instance.
 * Rewritten whole on every change, so a reader never sees half a table.
 */
public final class ProcessTable {

    public static final String FILE = "processes.tsv";

    /**
     * One process.
     *
     * @param name unique name, e.g. {@code inventory-streams-2}
     * @param role what it does, e.g. {@code inventory-streams}, {@code kafka broker}
     * @param address where it answers ({@code host:port} or a URL), or "-"
     */
    public record Entry(String name, String role, long pid, String address) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(address, "address");
        }

        public boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public ProcessTable(Path runFolder) {
        this.file = runFolder.resolve(FILE);
    }

    public synchronized void put(Entry entry) {
        entries.put(entry.name(), entry);
        write();
    }

    public synchronized void remove(String name) {
        if (entries.remove(name) != null) {
            write();
        }
    }

    private void write() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries.values()) {
            text.append(entry.name()).append('\t').append(entry.role()).append('\t').append(entry.pid()).append('\t')
                    .append(entry.address()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public synchronized void delete() {
        entries.clear();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** The table a running launcher wrote; empty when none. */
    public static List<Entry> read(Path runFolder) {
        Path file = runFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Entry> result = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", -1);
                if (fields.length == 4) {
                    result.add(new Entry(fields[0], fields[1], Long.parseLong(fields[2]), fields[3]));
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
