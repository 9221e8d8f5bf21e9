package dev.carryon.server.tus;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import org.eclipse.jetty.http.DateGenerator;

import java.time.Instant;
import java.util.regex.Pattern;

/** Parsing and formatting of the header values tus uses. */
final class TusHeaders {
    /** The one version of tus this server speaks. */
    static final String PROTOCOL_VERSION = "1.0.0";
    static final String TUS_RESUMABLE = "Tus-Resumable";
    static final String TUS_VERSION = "Tus-Version";
    static final String TUS_EXTENSION = "Tus-Extension";
    static final String TUS_MAX_SIZE = "Tus-Max-Size";
    static final String TUS_CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";
    static final String UPLOAD_OFFSET = "Upload-Offset";
    static final String UPLOAD_LENGTH = "Upload-Length";
    static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";
    static final String UPLOAD_METADATA = "Upload-Metadata";
    static final String UPLOAD_CONCAT = "Upload-Concat";
    static final String UPLOAD_EXPIRES = "Upload-Expires";
    static final String UPLOAD_CHECKSUM = "Upload-Checksum";
    static final String OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

    /** 1 to 19 decimal digits: anything else (signs, spaces, hex, overflow) is malformed. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private TusHeaders() {
    }

    /** A non-negative decimal header value; malformed values raise {@code error}. */
    static long nonNegative(String value, ErrorCode error) {
        if (value == null || !DIGITS.matcher(value.strip()).matches()) {
            throw new UploadException(error);
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException overflow) {
            throw new UploadException(error);
        }
    }

    static String httpDate(Instant instant) {
        return DateGenerator.formatDate(instant);
    }

    /** Whether the request's media type is tus's, ignoring parameters and case. */
    static boolean isOffsetOctetStream(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase(OFFSET_CONTENT_TYPE);
    }
}
