package dev.carryon.server.draft;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser for the RFC 8941 (RFC 9651) structured field values the draft and RFC 9530 use: Items
 * ({@code Upload-Complete: ?1}, {@code Upload-Offset: 42}) and Dictionaries ({@code Content-Digest},
 * {@code Want-Repr-Digest}). Parameters are parsed for well-formedness and dropped, since no field here
 * defines any. Bare items become {@link Long}, {@link BigDecimal}, {@link String} (sf-string and sf-token
 * alike: no field here takes either), {@code byte[]} or {@link Boolean}; an inner list becomes a {@link List}.
 *
 * <p>Parsing is strict, as the RFC demands: any deviation fails the whole field with
 * {@link MalformedFieldException}, and callers turn that into a 400 rather than guess.
 */
final class StructuredFields {
    /** A field value that is not what RFC 8941 allows. */
    static final class MalformedFieldException extends IllegalArgumentException {
        MalformedFieldException(String why) {
            super(why);
        }
    }

    /** An integer (up to 15 digits) not followed by more digits or a dot, or a decimal (up to 12.3). */
    private static final Pattern NUMBER = Pattern.compile("-?(\\d{1,15})(?![\\d.])|-?\\d{1,12}\\.\\d{1,3}(?!\\d)");

    private final String input;
    private int at;

    private StructuredFields(String input) {
        this.input = input;
    }

    /** Parses an Item and returns its bare value. */
    static Object item(String field) {
        StructuredFields p = new StructuredFields(field);
        p.skipSpaces();
        Object value = p.bareItem();
        p.parameters();
        p.skipSpaces();
        if (!p.atEnd()) {
            throw new MalformedFieldException("unexpected characters after the value");
        }
        return value;
    }

    /** Parses a Dictionary; a member without a value is {@code true}. Later duplicates replace earlier ones. */
    static Map<String, Object> dictionary(String field) {
        StructuredFields p = new StructuredFields(field);
        Map<String, Object> members = new LinkedHashMap<>();
        p.skipSpaces();
        while (!p.atEnd()) {
            String key = p.key();
            Object value = Boolean.TRUE;
            if (p.peek() == '=') {
                p.at++;
                value = p.peek() == '(' ? p.innerList() : p.bareItem();
            }
            p.parameters();
            members.put(key, value);
            p.skipWhitespace();
            if (p.atEnd()) {
                return members;
            }
            p.expect(',');
            p.skipWhitespace();
            if (p.atEnd()) {
                throw new MalformedFieldException("a dictionary may not end with a comma");
            }
        }
        return members;
    }

    private List<Object> innerList() {
        expect('(');
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (peek() == ')') {
                at++;
                parameters();
                return items;
            }
            items.add(bareItem());
            parameters();
            char next = peek();
            if (next != ' ' && next != ')') {
                throw new MalformedFieldException("inner list items must be separated by spaces");
            }
        }
    }

    private void parameters() {
        while (peek() == ';') {
            at++;
            skipSpaces();
            key();
            if (peek() == '=') {
                at++;
                bareItem();
            }
        }
    }

    private String key() {
        char first = peek();
        if (!(isLcAlpha(first) || first == '*')) {
            throw new MalformedFieldException("a key must start with a lowercase letter or '*'");
        }
        int start = at;
        while (!atEnd() && (isLcAlpha(peek()) || isDigit(peek()) || "_-.*".indexOf(peek()) >= 0)) {
            at++;
        }
        return input.substring(start, at);
    }

    private Object bareItem() {
        char c = peek();
        if (c == '-' || isDigit(c)) {
            return number();
        }
        return switch (c) {
            case '"' -> string();
            case ':' -> byteSequence();
            case '?' -> bool();
            default -> {
                if (Character.isLetter(c) && c < 128 || c == '*') {
                    yield token();
                }
                throw new MalformedFieldException("not a structured field item");
            }
        };
    }

    private Object number() {
        Matcher m = NUMBER.matcher(input).region(at, input.length());
        if (!m.lookingAt()) {
            throw new MalformedFieldException("a number is an integer of up to 15 digits or a decimal of up to 12.3");
        }
        at = m.end();
        return m.group(1) != null ? (Object) Long.parseLong(m.group()) : new BigDecimal(m.group());
    }

    private String string() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(at++);
            if (c == '\\') {
                char escaped = atEnd() ? 0 : input.charAt(at++);
                if (escaped != '"' && escaped != '\\') {
                    throw new MalformedFieldException("only \\\" and \\\\ may be escaped in a string");
                }
                s.append(escaped);
            } else if (c == '"') {
                return s.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw new MalformedFieldException("a string holds printable ASCII only");
            } else {
                s.append(c);
            }
        }
        throw new MalformedFieldException("a string must end with '\"'");
    }

    private String token() {
        int start = at++;
        while (!atEnd() && (isTchar(peek()) || peek() == ':' || peek() == '/')) {
            at++;
        }
        return input.substring(start, at);
    }

    private byte[] byteSequence() {
        expect(':');
        int end = input.indexOf(':', at);
        if (end < 0) {
            throw new MalformedFieldException("a byte sequence must end with ':'");
        }
        String base64 = input.substring(at, end);
        at = end + 1;
        if (!base64.matches("[A-Za-z0-9+/]*=*")) {
            throw new MalformedFieldException("a byte sequence holds Base64 only");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException badPadding) {
            throw new MalformedFieldException("a byte sequence holds Base64 only");
        }
    }

    private Boolean bool() {
        expect('?');
        char c = atEnd() ? 0 : input.charAt(at++);
        if (c != '0' && c != '1') {
            throw new MalformedFieldException("a boolean is ?0 or ?1");
        }
        return c == '1';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new MalformedFieldException("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        return atEnd() ? 0 : input.charAt(at);
    }

    private boolean atEnd() {
        return at >= input.length();
    }

    private void skipSpaces() {
        while (peek() == ' ') {
            at++;
        }
    }

    /** Between dictionary members the RFC allows tabs too (OWS). */
    private void skipWhitespace() {
        while (peek() == ' ' || peek() == '\t') {
            at++;
        }
    }

    private static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isTchar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }
}
