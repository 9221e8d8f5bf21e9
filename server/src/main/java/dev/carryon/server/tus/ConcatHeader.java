package dev.carryon.server.tus;

import dev.carryon.core.Concat;
import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.server.upload.UploadContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Upload-Concat}: {@code partial}, or {@code final;URL URL…} where each URL (absolute or a
 * path) names an upload of this server.
 */
final class ConcatHeader {
    private static final int MAX_PARTS = 10_000;

    private ConcatHeader() {
    }

    static Concat parse(String value, UploadContext context) {
        if (value == null) {
            return Concat.NONE;
        }
        String v = value.strip();
        if (v.equals("partial")) {
            return Concat.PARTIAL;
        }
        if (!v.startsWith("final;")) {
            throw invalid("it must be 'partial' or 'final;' followed by upload URLs");
        }
        String[] urls = v.substring("final;".length()).strip().split(" +");
        if (urls.length == 0 || urls[0].isEmpty()) {
            throw invalid("a final upload needs at least one part");
        }
        if (urls.length > MAX_PARTS) {
            throw invalid("too many parts");
        }
        List<String> ids = new ArrayList<>(urls.length);
        for (String url : urls) {
            String id = context.idIn(pathOf(url));
            if (id == null) {
                throw invalid("'" + url + "' is not an upload of this server");
            }
            ids.add(id);
        }
        return Concat.finalOf(ids);
    }

    private static String pathOf(String url) {
        try {
            String path = new URI(url).getRawPath();
            if (path == null) {
                throw invalid("'" + url + "' is not a URL");
            }
            return path;
        } catch (URISyntaxException e) {
            throw invalid("'" + url + "' is not a URL");
        }
    }

    private static UploadException invalid(String why) {
        return new UploadException(ErrorCode.INVALID_CONCAT, "Upload-Concat is invalid: " + why);
    }
}
