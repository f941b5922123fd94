package io.otp4j.examples.fileprocessing;

import java.nio.file.Path;
import java.util.List;

/**
 * What the service has settled so far: every input either has a result or was put aside as failed.
 *
 * @param processed the files with a result, in the order they were finished
 * @param failed the files that crashed their processor, in the order they crashed
 */
public record ProcessingSummary(List<ProcessedFile> processed, List<FailedFile> failed) {

    /** Copies the lists. */
    public ProcessingSummary {
        processed = List.copyOf(processed);
        failed = List.copyOf(failed);
    }

    /** @return how many files are settled, processed or failed */
    public int settled() {
        return processed.size() + failed.size();
    }

    /**
     * A file with a result.
     *
     * @param name the input's name
     * @param processor the name of the processor that did it
     * @param stats what it computed
     * @param result the result file
     */
    public record ProcessedFile(String name, String processor, NumberStats stats, Path result) {}

    /**
     * A file that crashed its processor; it was moved to {@code failed/} and is not retried.
     *
     * @param name the input's name
     * @param reason what happened
     * @param movedTo where the input is now
     */
    public record FailedFile(String name, String reason, Path movedTo) {}
}
