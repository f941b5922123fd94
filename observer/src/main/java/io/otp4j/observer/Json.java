package io.otp4j.observer;

/**
 * A minimal JSON writer for the observer's few fixed shapes; no parser is needed (the page sends only query
 * parameters). Strings are escaped so that the output is safe inside a {@code <script>} too: {@code <},
 * {@code >} and {@code &} become {@code \}{@code u} escapes, as do all control characters.
 *
 * <p>Threads: an instance is used by one thread.
 */
final class Json {

    private final StringBuilder out = new StringBuilder(256);
    private boolean needsComma;

    Json beginObject() {
        comma();
        out.append('{');
        needsComma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    Json beginArray() {
        comma();
        out.append('[');
        needsComma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    /** Writes a member name; the value written next belongs to it. */
    Json name(String name) {
        comma();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    Json value(String value) {
        comma();
        string(value);
        needsComma = true;
        return this;
    }

    Json value(long value) {
        comma();
        out.append(value);
        needsComma = true;
        return this;
    }

    Json value(double value) {
        comma();
        if (Double.isFinite(value)) {
            out.append(Math.round(value * 1000.0) / 1000.0);
        } else {
            out.append("null");
        }
        needsComma = true;
        return this;
    }

    Json value(boolean value) {
        comma();
        out.append(value);
        needsComma = true;
        return this;
    }

    Json nullValue() {
        comma();
        out.append("null");
        needsComma = true;
        return this;
    }

    /** Appends JSON already written by another instance. */
    Json raw(String json) {
        comma();
        out.append(json);
        needsComma = true;
        return this;
    }

    private void comma() {
        if (needsComma) {
            out.append(',');
            needsComma = false;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
