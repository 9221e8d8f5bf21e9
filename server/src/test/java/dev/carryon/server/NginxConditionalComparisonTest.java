package dev.carryon.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.stream.Stream;

import static dev.carryon.server.NginxComparison.Case.get;
import static dev.carryon.server.NginxComparison.Case.head;

/**
 * Conditional requests answered by Carryon and by nginx, side by side, each server's own validators filled
 * in: their ETags have different forms (Carryon's names the upload and its length, nginx's the file's time
 * and size) but must behave alike. nginx runs with its defaults here. Where nginx does not follow the order of
 * RFC 9110, section 13.2.2, Carryon does, and the case says what nginx does instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxConditionalComparisonTest {
    private NginxComparison servers;

    @BeforeAll
    void start() throws Exception {
        servers = NginxComparison.start("");
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> preconditions() {
        return servers.tests(
                get("data", "If-None-Match", "{etag}").answers(304),
                get("data", "If-None-Match", "W/{etag}").answers(304),
                get("data", "If-None-Match", "\"other\"").answers(200),
                get("data", "If-None-Match", "*").answers(304),
                get("data", "If-None-Match", "\"other\", {etag}").answers(304),
                get("data", "If-Modified-Since", "{lm}").answers(304),
                get("data", "If-Modified-Since", "{lm850}").answers(304),
                get("data", "If-Modified-Since", "{lmAsctime}").answers(304),
                get("data", "If-Modified-Since", "{before}").answers(200),
                get("data", "If-Modified-Since", "not a date").answers(200),
                get("data", "If-None-Match", "\"other\"", "If-Modified-Since", "{lm}").answers(200),
                get("data", "If-Match", "{etag}").answers(200),
                get("data", "If-Match", "\"other\"").answers(412),
                get("data", "If-Match", "W/{etag}").answers(412),
                get("data", "If-Match", "*").answers(200),
                get("data", "If-Unmodified-Since", "{lm}").answers(200),
                get("data", "If-Unmodified-Since", "{before}").answers(412),
                get("data", "If-Match", "\"other\"", "If-None-Match", "{etag}").answers(412),
                head("data", "If-None-Match", "{etag}").answers(304),
                head("data", "If-Match", "\"other\"").answers(412),

                get("data", "If-Modified-Since", "{after}").answers(304).unlikeNginx(
                        "nginx's default if_modified_since exact wants the very date; RFC 9110, section 13.1.3 "
                                + "says not modified whenever Last-Modified is at or before the date given"),
                get("data", "If-None-Match", "{etag}", "If-Modified-Since", "{before}").answers(304).unlikeNginx(
                        "nginx wants both to say not modified; RFC 9110, section 13.1.3 ignores If-Modified-Since "
                                + "when If-None-Match is present"),
                get("data", "If-Match", "{etag}", "If-Unmodified-Since", "{before}").answers(200).unlikeNginx(
                        "nginx also evaluates If-Unmodified-Since and fails; RFC 9110, section 13.1.4 ignores it "
                                + "when If-Match is present"),
                get("data", "If-Unmodified-Since", "not a date").answers(200).unlikeNginx(
                        "nginx fails an If-Unmodified-Since it cannot read with 412; RFC 9110, section 13.1.4 "
                                + "says to ignore a value that is not a valid HTTP-date"));
    }

    @TestFactory
    Stream<DynamicTest> ifRange() {
        return servers.tests(
                get("data", "Range", "bytes=0-499", "If-Range", "{etag}").answers(206, "0-499"),
                get("data", "Range", "bytes=0-499", "If-Range", "\"stale\"").answers(200),
                get("data", "Range", "bytes=0-499", "If-Range", "W/{etag}").answers(200),
                get("data", "Range", "bytes=0-499", "If-Range", "{lm}").answers(206, "0-499"),
                get("data", "Range", "bytes=0-499", "If-Range", "{before}").answers(200),
                get("data", "Range", "bytes=0-499", "If-Range", "{after}").answers(200),
                get("data", "Range", "bytes=0-499", "If-Range", "garbage").answers(200),
                get("data", "Range", "bytes=0-0,-1", "If-Range", "{etag}").answers(206, "0-0", "9999-9999"),
                get("data", "Range", "bytes=20000-", "If-Range", "\"stale\"").answers(200),
                get("data", "Range", "bytes=20000-", "If-Range", "{etag}").answers(416),
                get("data", "Range", "bytes=0-499", "If-None-Match", "{etag}").answers(304),
                get("data", "Range", "bytes=0-499", "If-Match", "\"other\"").answers(412),
                get("data", "Range", "bytes=0-499", "If-Match", "{etag}").answers(206, "0-499"));
    }
}
