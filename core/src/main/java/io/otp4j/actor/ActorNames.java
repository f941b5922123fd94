package io.otp4j.actor;

/**
 * The one place where the actor-name grammar (documented on {@link ActorPath#isValidName}) and the
 * system-name grammar are checked: spawns, supervisor child ids and {@code Supervisor.start} reach it
 * through {@link ActorPath#requireValidName}. Pure functions.
 */
final class ActorNames {

    /** What a valid name looks like, for messages. */
    static final String GRAMMAR = "a name is 1 to " + ActorPath.MAX_NAME_LENGTH
            + " characters from A-Z a-z 0-9 - . _ ~ ! $ & ' ( ) * + , ; = : @, does not start with '$', "
            + "and is not '.' or '..'";

    /** How much of a long name an error message quotes. */
    private static final int QUOTED = 40;

    private ActorNames() {}

    /**
     * @param name a candidate name, not null
     * @return true if it follows the grammar
     */
    static boolean isValid(String name) {
        return problem(name) == null;
    }

    /**
     * Checks a name before anything is built with it.
     *
     * @param what what the name is, to begin the message: {@code "actor name"}, {@code "child id"}
     * @param name the candidate
     * @return the name
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidActorNameException if it does not follow the grammar; the message quotes at most the
     *     first 40 characters, with control and non-ASCII characters escaped
     */
    static String check(String what, String name) {
        if (name == null) {
            throw new NullPointerException(what + " must not be null");
        }
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidActorNameException("invalid " + what + " " + quote(name) + ": " + problem + "; "
                    + GRAMMAR);
        }
        return name;
    }

    /**
     * @param name a candidate system name, not null
     * @return it
     * @throws IllegalArgumentException if it is not 1 to 255 letters, digits, {@code -_.}, starting with a
     *     letter or digit
     */
    static String checkSystemName(String name) {
        if (name.length() > ActorPath.MAX_NAME_LENGTH || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("invalid system name " + quote(name) + ": 1 to "
                    + ActorPath.MAX_NAME_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** @return what is wrong with the name, or null if nothing */
    private static String problem(String name) {
        int length = name.length();
        if (length == 0) {
            return "it is empty";
        }
        if (length > ActorPath.MAX_NAME_LENGTH) {
            return "it has " + length + " characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'.' and '..' mean this and the parent path";
        }
        if (name.charAt(0) == '$') {
            return "names starting with '$' are reserved for generated ones";
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (!allowed(c)) {
                return "character " + quote(String.valueOf(c)) + " at index " + i + " is not allowed";
            }
        }
        return null;
    }

    /** RFC 3986's unreserved characters, sub-delims, ':' and '@': a path segment without percent escapes. */
    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    /**
     * @param name any string
     * @return it in quotes, short and printable whatever it holds: for error messages
     */
    static String quote(String name) {
        int shown = Math.min(name.length(), QUOTED);
        StringBuilder sb = new StringBuilder(shown + 32).append('\'');
        for (int i = 0; i < shown; i++) {
            char c = name.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        sb.append('\'');
        if (name.length() > shown) {
            sb.append("... (").append(name.length()).append(" characters)");
        }
        return sb.toString();
    }
}
