package dev.carryon.server.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import org.eclipse.jetty.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem document, the form every refusal takes in the draft protocol. The draft registers
 * three problem types; any other refusal is an {@code about:blank} problem (no {@code type}), whose title is
 * the status phrase and whose {@code detail} says what exactly was wrong.
 *
 * @param status  the HTTP status
 * @param type    the problem type URI, or null for {@code about:blank}
 * @param title   a short summary of the problem type
 * @param detail  what went wrong with this request, safe to show to any client; may be null
 * @param members extension members, such as the offsets of a mismatch
 */
record Problem(int status, String type, String title, String detail, Map<String, Object> members) {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPES = "https://iana.org/assignments/http-problem-types#";
    private static final ObjectMapper JSON = new ObjectMapper();

    Problem {
        members = Map.copyOf(members);
    }

    /** The client's {@code Upload-Offset} is not where the upload ends: 409, with both offsets. */
    static Problem mismatchingOffset(long expected, long provided) {
        return new Problem(409, TYPES + "mismatching-upload-offset", "Mismatching Upload Offset",
                "Upload-Offset is " + provided + " but the upload's offset is " + expected,
                Map.of("expected-offset", expected, "provided-offset", provided));
    }

    /** The upload is complete and nothing more may be appended (400, or 410 where the version says so). */
    static Problem completedUpload(int status) {
        return new Problem(status, TYPES + "completed-upload", "Upload Is Completed",
                "The upload is complete: nothing more can be appended", Map.of());
    }

    /** Lengths indicated by the request, or by it and earlier ones, disagree: 400. */
    static Problem inconsistentLength(String detail) {
        return new Problem(400, TYPES + "inconsistent-upload-length", "Inconsistent Upload Length Values", detail,
                Map.of());
    }

    /** The problem document for a refusal, by its error code. */
    static Problem of(UploadException refusal) {
        if (refusal instanceof Refusal withProblem) {
            return withProblem.problem();
        }
        ErrorCode code = refusal.code();
        return switch (code) {
            case LENGTH_CONFLICT, BODY_EXCEEDS_LENGTH -> inconsistentLength(refusal.getMessage());
            case UPLOAD_COMPLETED -> completedUpload(400);
            default -> new Problem(code.status(), null, HttpStatus.getMessage(code.status()), refusal.getMessage(),
                    Map.of());
        };
    }

    String json() {
        Map<String, Object> document = new LinkedHashMap<>();
        if (type != null) {
            document.put("type", type);
        }
        document.put("title", title);
        document.put("status", status);
        if (detail != null) {
            document.put("detail", detail);
        }
        document.putAll(members);
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    /** A refusal whose problem document is spelled out where it is raised, e.g. with extension members. */
    static final class Refusal extends UploadException {
        private final transient Problem problem;

        Refusal(ErrorCode code, Problem problem) {
            super(code, problem.detail());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
