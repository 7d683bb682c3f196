package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.jspecify.annotations.Nullable;

/**
 * One scrape of a service's {@code /metrics}: the samples of the Prometheus text format (comments
 * skipped). Enough of the format for the status line to read a few figures; not a general client.
 */
record PrometheusScrape(List<Sample> samples) {

    /** One line: {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value) {

        Sample {
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
        }
    }

    PrometheusScrape {
        samples = List.copyOf(samples);
    }

    /** The endpoint's samples; empty when it does not answer 200 within {@code timeout}. */
    static Optional<PrometheusScrape> fetch(HttpClient http, String url, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(parse(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Sample sample = sample(line.strip());
            if (sample != null) {
                samples.add(sample);
            }
        }
        return new PrometheusScrape(samples);
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; empty when there is none. */
    OptionalDouble sum(String name, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet())
                    && !Double.isNaN(sample.value())) {
                sum += sample.value();
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** The largest sample of {@code name}; empty when there is none. */
    OptionalDouble max(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name) && !Double.isNaN(sample.value()))
                .mapToDouble(Sample::value).max();
    }

    private static @Nullable Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
            if (rest < 0) {
                return null;
            }
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] value = line.substring(rest).strip().split(" ");
        try {
            return new Sample(name, labels, Double.parseDouble(value[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code a="b",c="d"}} from {@code start}; returns the index after the closing brace, -1 if malformed. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i < line.length() ? i + 1 : -1;
    }
}
