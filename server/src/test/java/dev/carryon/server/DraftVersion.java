package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;

import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One interop version of the IETF resumable upload draft as a test sees it: the fields that differ between
 * versions, and requests that speak it. Version 3 says {@code Upload-Incomplete: ?1} where later versions
 * say {@code Upload-Complete: ?0}; appends are {@code application/partial-upload} from version 6.
 */
record DraftVersion(int number) {
    static final String FIELD = "Upload-Draft-Interop-Version";
    static final String PARTIAL_UPLOAD = "application/partial-upload";
    static final String PROBLEM = "application/problem+json";
    static final String PROBLEM_TYPES = "https://iana.org/assignments/http-problem-types#";

    static Stream<DraftVersion> all() {
        return IntStream.rangeClosed(3, 8).mapToObj(DraftVersion::new);
    }

    static DraftVersion latest() {
        return new DraftVersion(8);
    }

    String completenessField() {
        return number == 3 ? "Upload-Incomplete" : "Upload-Complete";
    }

    /** The value of {@link #completenessField()} for a complete upload (or a request completing it). */
    String complete() {
        return number == 3 ? "?0" : "?1";
    }

    String incomplete() {
        return number == 3 ? "?1" : "?0";
    }

    boolean hasLimits() {
        return number >= 6;
    }

    Request request(String method, String target) {
        return Request.of(method, target).header(FIELD, Integer.toString(number));
    }

    /** A creation request that completes the upload or not. */
    Request creation(boolean completes) {
        return request("POST", "/files/").header(completenessField(), completes ? complete() : incomplete());
    }

    /** An append at {@code offset} to the upload {@code {id}}, with the media type the version asks for. */
    Request append(long offset, boolean completes) {
        Request r = request("PATCH", "/files/{id}").header("Upload-Offset", Long.toString(offset))
                .header(completenessField(), completes ? complete() : incomplete());
        return number >= 6 ? r.header("Content-Type", PARTIAL_UPLOAD) : r;
    }

    Request offsetRetrieval() {
        return request("HEAD", "/files/{id}");
    }

    @Override
    public String toString() {
        return "interop version " + number;
    }
}
