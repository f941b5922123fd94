package io.otp4j.sysops;

import java.util.Locale;

/** What a file permission allows under its folder; the policy file spells them in lower case. */
public enum FileAccess {
    /** Read a file. */
    READ,
    /** Create or replace a file, and be the target of a move. */
    WRITE,
    /** Append to a file (creating it). */
    APPEND,
    /** List a directory. */
    LIST,
    /** Read a file's attributes. */
    STAT,
    /** Delete a file, and be the source of a move. */
    DELETE,
    /** Watch a directory. */
    WATCH,
    /** Run a process with this folder as its working directory. */
    WORKDIR;

    /** @return the name used in policy files and denials, e.g. {@code read} */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
