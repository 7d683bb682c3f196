package dev.streamcart.loadgen.checkoutbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's own TPC-B-like benchmark, run against the platform's PostgreSQL in a database of
 * its own. The binary is Debian's (package {@code postgresql-15}, pulled in by {@code postgresql-contrib}, which {@code ./platform} installs):
 * the embedded PostgreSQL the platform runs ships only initdb, pg_ctl and postgres.
 */
final class Pgbench {

    /** The measured rate and the exact command lines that produced it. */
    record Result(double tps, double averageLatencyMs, String initCommand, String runCommand, String version) {}

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final Path binary;
    private final Path logFolder;

    private Pgbench(Path binary, Path logFolder) {
        this.binary = binary;
        this.logFolder = logFolder;
    }

    /** Finds pgbench on the PATH or in Debian's PostgreSQL folders (newest first). */
    static Pgbench locate(Path logFolder) {
        return new Pgbench(find().orElseThrow(() -> new IllegalStateException(
                "pgbench not found: install Debian's postgresql-contrib (./platform up installs it)")), logFolder);
    }

    private static Optional<Path> find() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(version -> version.resolve("bin/pgbench")).filter(Files::isExecutable)
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pgbench -i -s scale} then {@code pgbench -c clients -j threads -T seconds}. */
    Result run(int port, String database, int scale, int clients, int seconds) throws IOException, InterruptedException {
        List<String> connection = List.of("-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres");
        List<String> init = new ArrayList<>(List.of(binary.toString(), "-i", "-q", "-s", Integer.toString(scale)));
        init.addAll(connection);
        init.add(database);
        execute(init, "pgbench-init.log");
        List<String> run = new ArrayList<>(List.of(binary.toString(), "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Integer.toString(seconds)));
        run.addAll(connection);
        run.add(database);
        String output = execute(run, "pgbench-run.log");
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench's output:\n" + output);
        }
        Matcher latency = LATENCY.matcher(output);
        String version = execute(List.of(binary.toString(), "--version"), "pgbench-version.log").trim();
        return new Result(Double.parseDouble(tps.group(1)), latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                String.join(" ", init), String.join(" ", run), version);
    }

    private String execute(List<String> command, String logName) throws IOException, InterruptedException {
        Files.createDirectories(logFolder);
        Path log = logFolder.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + output);
        }
        return output;
    }
}
