package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.DynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One declarative protocol case, in the manner of tusd's handler tests: a request, the status it must get,
 * header values the response must carry, headers it must not carry, optionally what its body must look like
 * and the offset the upload must have afterwards. {@code {name}} in the request is replaced by the fixture's
 * value for that name (a fresh upload id per case, typically).
 */
final class TusCase {
    /** Prepares what one case needs (usually fresh uploads) and returns the values of its placeholders. */
    @FunctionalInterface
    interface Fixture {
        Map<String, String> prepare(Uploads uploads) throws Exception;
    }

    private final String name;
    private final Request request;
    private int status;
    private final Map<String, String> headerEquals = new LinkedHashMap<>();
    private final Map<String, Pattern> headerMatches = new LinkedHashMap<>();
    private final List<String> absent = new ArrayList<>();
    private Pattern body;
    private Long offsetAfter;

    private TusCase(String name, Request request) {
        this.name = name;
        this.request = request;
    }

    static TusCase of(String name, Request request) {
        return new TusCase(name, request);
    }

    TusCase status(int expected) {
        this.status = expected;
        return this;
    }

    TusCase header(String headerName, String value) {
        headerEquals.put(headerName, value);
        return this;
    }

    TusCase headerMatching(String headerName, String regex) {
        headerMatches.put(headerName, Pattern.compile(regex));
        return this;
    }

    /** The response body, read as UTF-8, must match {@code regex} (dots match line breaks too). */
    TusCase bodyMatching(String regex) {
        body = Pattern.compile(regex, Pattern.DOTALL);
        return this;
    }

    TusCase noHeader(String... names) {
        absent.addAll(List.of(names));
        return this;
    }

    /** After the exchange, HEAD of {@code {id}} must report this offset. */
    TusCase offsetAfter(long offset) {
        offsetAfter = offset;
        return this;
    }

    /** Runs every case against {@code server}, each after its own {@code fixture}. */
    static Stream<DynamicTest> table(TestServer server, Fixture fixture, TusCase... cases) {
        return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c.name, () -> c.run(server, fixture)));
    }

    Response run(TestServer server, Fixture fixture) throws Exception {
        Uploads uploads = new Uploads(server);
        Map<String, String> vars = fixture.prepare(uploads);
        Response r = uploads.send(request.fill(vars));
        assertEquals(status, r.status(), () -> name + ": wrong status in\n" + r);
        headerEquals.forEach((h, v) -> assertEquals(v, r.header(h), () -> name + ": " + h + " in\n" + r));
        headerMatches.forEach((h, p) -> {
            assertNotNull(r.header(h), () -> name + ": no " + h + " in\n" + r);
            assertTrue(p.matcher(r.header(h)).matches(), () -> name + ": " + h + " should match " + p + " in\n" + r);
        });
        absent.forEach(h -> assertFalse(r.has(h), () -> name + ": unexpected " + h + " in\n" + r));
        if (body != null) {
            assertTrue(body.matcher(r.text()).matches(), () -> name + ": body should match " + body + " in\n" + r);
        }
        if (offsetAfter != null) {
            assertEquals(offsetAfter, uploads.offset(vars.get("id")), () -> name + ": offset afterwards");
        }
        return r;
    }

    @Override
    public String toString() {
        return name;
    }
}
