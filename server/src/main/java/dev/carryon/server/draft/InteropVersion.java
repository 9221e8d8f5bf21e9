package dev.carryon.server.draft;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;

/**
 * The interop versions of draft-ietf-httpbis-resumable-upload this server speaks, and the rules in which
 * they differ. A client names its version in {@code Upload-Draft-Interop-Version} on every request; the
 * answer follows that version's rules, so clients of every iteration in use work side by side.
 *
 * <ul>
 *   <li>3 (draft -01): completeness is {@code Upload-Incomplete}, the inverse of later versions' field;</li>
 *   <li>4 (draft -02): {@code Upload-Complete};</li>
 *   <li>5 (draft -03): 104 interim responses also report progress;</li>
 *   <li>6 (drafts -04, -05): appends must be {@code application/partial-upload}; {@code Upload-Limit}
 *       appears, with the lifetime as {@code expires}; problem types for offsets and completed uploads;</li>
 *   <li>7 (drafts -06 to -08): the lifetime becomes {@code max-age}; a problem type for inconsistent
 *       lengths;</li>
 *   <li>8 (drafts -09 to -11): limits are always announced; an append to a completed upload is an
 *       inconsistent length when it has content, and {@code 410 Gone} when it has none.</li>
 * </ul>
 */
enum InteropVersion {
    V3, V4, V5, V6, V7, V8;

    static final String FIELD = "Upload-Draft-Interop-Version";
    private static final String SUPPORTED = "3, 4, 5, 6, 7 and 8";

    /** The version a request names; anything else is refused with a 400 that lists the supported ones. */
    static InteropVersion of(String field) {
        Object value;
        try {
            value = StructuredFields.item(field == null ? "" : field);
        } catch (StructuredFields.MalformedFieldException e) {
            value = null;
        }
        for (InteropVersion v : values()) {
            if (Long.valueOf(v.number()).equals(value)) {
                return v;
            }
        }
        throw new UploadException(ErrorCode.UNSUPPORTED_DRAFT_VERSION, FIELD + " " + field
                + " is not supported; this server speaks interop versions " + SUPPORTED);
    }

    int number() {
        return ordinal() + 3;
    }

    /** The field that tells whether an upload is (or a request makes it) complete. */
    String completenessField() {
        return this == V3 ? "Upload-Incomplete" : "Upload-Complete";
    }

    /** The value of {@link #completenessField()} for an upload that is complete or not. */
    String completenessValue(boolean complete) {
        return complete == (this != V3) ? "?1" : "?0";
    }

    /** Whether a parsed {@link #completenessField()} value means complete. */
    boolean meansComplete(boolean fieldValue) {
        return fieldValue == (this != V3);
    }

    boolean reportsProgress() {
        return this.compareTo(V5) >= 0;
    }

    boolean requiresPartialUploadType() {
        return this.compareTo(V6) >= 0;
    }

    boolean hasLimits() {
        return this.compareTo(V6) >= 0;
    }

    /** The {@code Upload-Limit} key of the upload's remaining lifetime in seconds. */
    String lifetimeLimit() {
        return this == V6 ? "expires" : "max-age";
    }

    /**
     * How an append to a completed upload is refused: from version 8, an append with content is an
     * inconsistent length and an empty one finds the upload gone; before, both are a completed upload.
     */
    Problem completedUpload(boolean emptyAppend) {
        if (this.compareTo(V8) < 0) {
            return Problem.completedUpload(400);
        }
        return emptyAppend ? Problem.completedUpload(410)
                : Problem.inconsistentLength("The upload is complete: nothing more can be appended");
    }
}
