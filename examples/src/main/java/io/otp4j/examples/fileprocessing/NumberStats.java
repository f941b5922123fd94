package io.otp4j.examples.fileprocessing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a processor computes from one CSV file of integers: how many, their sum, the smallest and the
 * largest. An empty file has count 0 and min = max = 0.
 *
 * @param count how many numbers
 * @param sum their sum
 * @param min the smallest, 0 if none
 * @param max the largest, 0 if none
 */
public record NumberStats(long count, long sum, long min, long max) {

    /**
     * Reads a CSV file of integers: any number of comma-separated fields per line; blank lines and blank
     * fields are skipped, spaces around fields are ignored.
     *
     * @param file the file
     * @return its statistics
     * @throws IOException if it cannot be read
     * @throws MalformedCsvException if a field is not an integer
     */
    public static NumberStats read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * @param name the file's name, for error messages
     * @param lines its lines
     * @return their statistics
     * @throws MalformedCsvException if a field is not an integer
     */
    public static NumberStats parse(String name, List<String> lines) {
        long count = 0;
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            for (String field : lines.get(i).split(",")) {
                String trimmed = field.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                long n;
                try {
                    n = Long.parseLong(trimmed);
                } catch (NumberFormatException e) {
                    throw new MalformedCsvException(name, i + 1, trimmed);
                }
                count++;
                sum = Math.addExact(sum, n);
                min = Math.min(min, n);
                max = Math.max(max, n);
            }
        }
        return count == 0 ? new NumberStats(0, 0, 0, 0) : new NumberStats(count, sum, min, max);
    }

    /** @return the content of a result file: one {@code key=value} line per statistic */
    public String render() {
        return "count=" + count + "\nsum=" + sum + "\nmin=" + min + "\nmax=" + max + "\n";
    }

    @Override
    public String toString() {
        return count + " numbers, sum " + sum + ", min " + min + ", max " + max;
    }
}
