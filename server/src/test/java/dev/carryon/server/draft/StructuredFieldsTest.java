package dev.carryon.server.draft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 8941 Items and Dictionaries as the draft's fields and RFC 9530 use them, including the RFC's edge cases. */
class StructuredFieldsTest {

    @Test
    void items() {
        assertEquals(true, StructuredFields.item("?1"));
        assertEquals(false, StructuredFields.item("?0"));
        assertEquals(42L, StructuredFields.item("42"));
        assertEquals(0L, StructuredFields.item("0"));
        assertEquals(-7L, StructuredFields.item("-7"));
        assertEquals(999_999_999_999_999L, StructuredFields.item("999999999999999"));
        assertEquals(new BigDecimal("1.5"), StructuredFields.item("1.5"));
        assertEquals("a \"b\" \\", StructuredFields.item("\"a \\\"b\\\" \\\\\""));
        assertEquals("text/plain", StructuredFields.item("text/plain"));
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), (byte[]) StructuredFields.item(":YWJj:"));
        assertEquals(true, StructuredFields.item("?1;note=\"x\";n"), "parameters are parsed and dropped");
        assertEquals(8L, StructuredFields.item("  8  "), "leading and trailing spaces are not part of it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "?", "?2", "?10", "1234567890123456", "1.2345", "1234567890123.5", "1.", "-",
            "--1", "4 4", "4,", "\"unterminated", "\"bad \\n escape\"", "\"tab\tinside\"", ":not base64!:", ":YWJj",
            "(1 2)", "4;", "4;A=1", "4;a=", "\u00e9", "@1659578233", "%\"display\"", "?1\t"})
    void malformedItems(String field) {
        assertThrows(StructuredFields.MalformedFieldException.class, () -> StructuredFields.item(field));
    }

    @Test
    void dictionaries() {
        Map<String, Object> d = StructuredFields.dictionary("sha-256=:YWJj:, sha-512=:ZGVm:;p=1,\tflag, n=5, list=(1 \"2\" ?0);x");
        assertEquals(List.of("sha-256", "sha-512", "flag", "n", "list"), List.copyOf(d.keySet()));
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), (byte[]) d.get("sha-256"));
        assertEquals(true, d.get("flag"), "a member without a value is true");
        assertEquals(5L, d.get("n"));
        assertEquals(List.of(1L, "2", false), d.get("list"));
        assertEquals(Map.of("a", 2L), StructuredFields.dictionary("a=1, a=2"), "a later duplicate wins");
        assertEquals(Map.of(), StructuredFields.dictionary(""), "an empty field is an empty dictionary");
        assertEquals(Map.of("*x", true), StructuredFields.dictionary("*x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1,", ",a=1", "a=1,,b=2", "a=1 b=2", "A=1", "1a=1", "a=", "a=(1 2", "a=(1,2)",
            "a=1;", "a==1", "a=1 ,", "a=:YW Jj:"})
    void malformedDictionaries(String field) {
        assertThrows(StructuredFields.MalformedFieldException.class, () -> StructuredFields.dictionary(field));
    }
}
