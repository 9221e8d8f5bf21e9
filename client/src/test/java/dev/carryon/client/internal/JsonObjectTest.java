package dev.carryon.client.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written JSON of checkpoints: round trips, escapes, and malformed documents refused. */
class JsonObjectTest {

    @Test
    void writesAndReadsBackEveryKindOfValue() {
        JsonObject doc = JsonObject.document("t", 1).put("name", "录像 \"1\"\\\n\t\u0001end").put("n", -42L)
                .put("big", Long.MAX_VALUE).put("ok", true).put("none", (String) null)
                .put("meta", Map.of("filename", "测试.mp4"))
                .put("parts", List.of(new JsonObject().put("start", 0L), new JsonObject().put("start", 7L)));
        String text = doc.toJson();
        assertTrue(text.contains("\\u0001") && text.contains("录像"), text);
        JsonObject back = JsonObject.read(text, "t", 1);
        assertEquals("录像 \"1\"\\\n\t\u0001end", back.string("name"));
        assertEquals(-42, back.number("n", 0));
        assertEquals(Long.MAX_VALUE, back.number("big", 0));
        assertTrue(back.bool("ok"));
        assertNull(back.string("none"));
        assertEquals(Map.of("filename", "测试.mp4"), back.strings("meta"));
        assertEquals(7, back.objects("parts").get(1).number("start", 0));
        assertEquals(text, back.toJson());
    }

    @Test
    void readsWhatOtherWritersProduce() {
        JsonObject doc = JsonObject.parse(" {\n \"a\" : [ 1, 2.5e1, \"\\u00e9\\ud83d\\ude00\\/\" ] , \"b\":{}, \"c\":[] }\n");
        assertEquals("{\"a\":[1,25.0,\"é😀/\"],\"b\":{},\"c\":[]}", doc.toJson());
    }

    @Test
    void refusesMalformedDocumentsWithThePlace() {
        for (String bad : List.of("", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":tru}", "{\"a\":\"x}",
                "{\"a\":\"\\q\"}", "{\"a\":\"\u0001\"}", "{\"a\":01x}", "{} {}", "{\"a\":\"\\u12\"}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonObject.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("malformed JSON at character "), e.getMessage());
        }
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertThrows(IllegalArgumentException.class, () -> JsonObject.parse(deep));
    }

    @Test
    void checksTheDocumentsTypeAndVersion() {
        String doc = JsonObject.document("carryon-stream", 2).toJson();
        assertThrows(IllegalArgumentException.class, () -> JsonObject.read(doc, "carryon-download", 1));
        assertEquals("carryon-stream version 2 is not supported",
                assertThrows(IllegalArgumentException.class, () -> JsonObject.read(doc, "carryon-stream", 1)).getMessage());
    }
}
