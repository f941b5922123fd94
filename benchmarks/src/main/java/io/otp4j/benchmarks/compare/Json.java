package io.otp4j.benchmarks.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-line JSON objects that {@link Main} prints and {@link Compare} reads back: flat objects whose
 * values are strings, numbers, booleans or lists of numbers. Not a general JSON library.
 */
final class Json {

    private Json() {}

    /** @return {@code fields} as one line of JSON, in the map's order */
    static String write(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            string(b, e.getKey());
            b.append(':');
            value(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static void value(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Boolean bool -> b.append(bool);
            case Double d -> b.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null");
            case Number n -> b.append(n);
            case List<?> list -> {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    value(b, list.get(i));
                }
                b.append(']');
            }
            default -> string(b, v.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /**
     * @param line one line written by {@link #write}
     * @return its fields: {@code String}, {@code Double}, {@code Boolean}, {@code List<Double>} or null
     * @throws IllegalArgumentException if the line is not such an object
     */
    static Map<String, Object> parse(String line) {
        Parser p = new Parser(line.trim());
        Map<String, Object> fields = new LinkedHashMap<>();
        p.expect('{');
        if (!p.peek('}')) {
            do {
                String key = p.string();
                p.expect(':');
                fields.put(key, p.value());
            } while (p.accept(','));
        }
        p.expect('}');
        return fields;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        boolean accept(char c) {
            if (peek(c)) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
            }
        }

        Object value() {
            if (peek('"')) {
                return string();
            }
            if (accept('[')) {
                List<Object> list = new ArrayList<>();
                if (!peek(']')) {
                    do {
                        list.add(value());
                    } while (accept(','));
                }
                expect(']');
                return list;
            }
            int start = i;
            while (i < s.length() && ",}]".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String token = s.substring(start, i).trim();
            return switch (token) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> Double.parseDouble(token);
            };
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (!peek('"')) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            expect('"');
            return b.toString();
        }
    }
}
