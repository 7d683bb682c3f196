package dev.streamcart.schemas.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned ClickHouse schema change, read from a file named {@code V<version>__<description>.sql}.
 * A script holds one or more statements, each ending with {@code ;} at the end of a line; lines
 * starting with {@code --} are comments. Tables are named {@code ${database}.table}: the placeholder
 * becomes the configured database when the statements are taken.
 */
public record Migration(int version, String description, String script) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }

    /** Whether {@code fileName} names a migration script. */
    public static boolean isScriptName(String fileName) {
        return FILE_NAME.matcher(fileName).matches();
    }

    public static Migration fromFile(String fileName, String script) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a migration file name (V<n>__<description>.sql): " + fileName);
        }
        return new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), script);
    }

    public static final String DATABASE_PLACEHOLDER = "${database}";

    /** The script's statements for {@code database}, without comments and terminating semicolons. */
    public List<String> statements(String database) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip().replace(DATABASE_PLACEHOLDER, database));
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip().replace(DATABASE_PLACEHOLDER, database));
        }
        return statements;
    }

    /** SHA-256 of the script, recorded when applied, so an edited script is noticed instead of silently skipped. */
    public String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
