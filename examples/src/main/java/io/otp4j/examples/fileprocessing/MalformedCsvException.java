package io.otp4j.examples.fileprocessing;

/** A file that is not a CSV of integers; it names the file, the line and the offending field. */
public final class MalformedCsvException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the file's name
     * @param line the line number, from 1
     * @param field the field that is not an integer
     */
    public MalformedCsvException(String file, int line, String field) {
        super(file + " line " + line + ": '" + field + "' is not an integer");
    }
}
