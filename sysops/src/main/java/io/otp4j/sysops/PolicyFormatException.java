package io.otp4j.sysops;

/** A policy file that cannot be read as a policy; the message names the line and what is wrong with it. */
public final class PolicyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param source the file
     * @param line the line number, from 1
     * @param problem what is wrong
     */
    PolicyFormatException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
    }
}
