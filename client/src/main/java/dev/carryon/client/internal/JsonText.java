package dev.carryon.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Internal: not part of the API. JSON text (RFC 8259) to {@link JsonObject} and back: a recursive-descent
 * reader that refuses anything malformed with the position of the fault, and a writer that escapes what
 * must be escaped and leaves other characters, Chinese file names included, as they are.
 */
final class JsonText {
    private static final int MAX_DEPTH = 32;
    private final String text;
    private int at;
    private int depth;

    JsonText(String text) {
        this.text = text == null ? "" : text;
    }

    JsonObject document() {
        skipSpace();
        if (peek() != '{') {
            throw fault("a JSON object");
        }
        JsonObject object = (JsonObject) value();
        skipSpace();
        if (at != text.length()) {
            throw fault("the end of the document");
        }
        return object;
    }

    private Object value() {
        skipSpace();
        char c = peek();
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw fault("a value");
            }
        };
    }

    private JsonObject object() {
        nest();
        at++;
        JsonObject object = new JsonObject();
        skipSpace();
        if (peek() == '}') {
            at++;
            depth--;
            return object;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw fault("a field name");
            }
            String key = string();
            skipSpace();
            expect(':');
            object.putRaw(key, value());
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                depth--;
                return object;
            }
        }
    }

    private List<Object> array() {
        nest();
        at++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                depth--;
                return list;
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw fault("the end of a string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw fault("no control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = at < text.length() ? text.charAt(at++) : 0;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw fault("four hex digits");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException notHex) {
                        throw fault("four hex digits");
                    }
                    at += 4;
                }
                default -> throw fault("an escape sequence");
            }
        }
    }

    private Number number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String n = text.substring(start, at);
        try {
            if (n.contains(".") || n.contains("e") || n.contains("E")) {
                return Double.valueOf(n);
            }
            return Long.valueOf(n); // not through ?: which would make every number a double
        } catch (NumberFormatException e) {
            at = start;
            throw fault("a number");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw fault(word);
        }
        at += word.length();
        return value;
    }

    private void nest() {
        if (++depth > MAX_DEPTH) {
            throw fault("less nesting");
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw fault("'" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private IllegalArgumentException fault(String expected) {
        return new IllegalArgumentException("malformed JSON at character " + at + ": expected " + expected);
    }

    static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case JsonObject object -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> field : object.fields().entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    writeString(field.getKey(), out);
                    out.append(':');
                    write(field.getValue(), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            }
            case String s -> writeString(s, out);
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            default -> out.append(value); // numbers and booleans
        }
    }

    private static void writeString(String s, StringBuilder out) {
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
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
