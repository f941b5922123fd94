package io.otp4j.broker;

/** Topic name syntax and wildcard matching (see {@link TopicKey}). Pure functions. */
final class Topics {

    static final String ONE = "*";
    static final String REST = ">";

    private Topics() {}

    /** @return what is wrong with a topic name or pattern, or null if it is well formed */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        int start = 0;
        for (;;) {
            int end = name.indexOf('.', start);
            boolean last = end < 0;
            if (last) {
                end = name.length();
            }
            if (end == start) {
                return "empty segment at index " + start + " (segments are separated by single dots)";
            }
            for (int i = start; i < end; i++) {
                char c = name.charAt(i);
                if (Character.isWhitespace(c)) {
                    return "whitespace at index " + i;
                }
                if ((c == '*' || c == '>') && end - start != 1) {
                    return "wildcard '" + c + "' must be a whole segment";
                }
            }
            if (name.charAt(start) == '>' && end - start == 1 && !last) {
                return "'>' must be the last segment";
            }
            if (last) {
                return null;
            }
            start = end + 1;
        }
    }

    /** @param name a well-formed name @return true if it has a wildcard segment */
    static boolean isPattern(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('>') >= 0;
    }

    static String[] segments(String name) {
        return name.split("\\.", -1);
    }

    /**
     * @param pattern a pattern's segments
     * @param topic an exact topic's segments
     * @return true if the pattern matches the topic
     */
    static boolean matches(String[] pattern, String[] topic) {
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.equals(REST)) {
                return topic.length > i;
            }
            if (i >= topic.length) {
                return false;
            }
            if (!p.equals(ONE) && !p.equals(topic[i])) {
                return false;
            }
        }
        return pattern.length == topic.length;
    }
}
