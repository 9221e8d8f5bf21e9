package dev.carryon.server.download;

import dev.carryon.core.Metadata;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Content-Type} and {@code Content-Disposition} of a download, from the upload's {@code filetype}
 * and {@code filename} metadata. Only media that a browser displays without running anything (video,
 * audio, raster images, plain text) are served inline and under their own type; everything else, above all
 * HTML, SVG, XML and scripts, is an {@code application/octet-stream} attachment, so an upload can never run
 * as part of the server's origin.
 */
record ContentHeaders(String contentType, String disposition) {
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    private static final Set<String> INLINE_IMAGES =
            Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp");
    private static final String FALLBACK = "application/octet-stream";

    static ContentHeaders of(Metadata metadata) {
        String type = metadata.text("filetype").map(t -> t.strip().toLowerCase(Locale.ROOT))
                .map(t -> t.contains(";") ? t.substring(0, t.indexOf(';')).strip() : t)
                .filter(t -> MEDIA_TYPE.matcher(t).matches())
                .orElse(FALLBACK);
        boolean inline = isPassive(type);
        String disposition = (inline ? "inline" : "attachment")
                + metadata.text("filename").map(ContentHeaders::filenameParameters).orElse("");
        return new ContentHeaders(inline ? type : FALLBACK, disposition);
    }

    private static boolean isPassive(String type) {
        return type.startsWith("video/") || type.startsWith("audio/") || INLINE_IMAGES.contains(type)
                || type.equals("text/plain");
    }

    /** RFC 6266: an ASCII {@code filename} for old clients and the exact name as RFC 8187 {@code filename*}. */
    static String filenameParameters(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder ascii = new StringBuilder();
        base.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
                ? (char) c : '_'));
        String encoded = URLEncoder.encode(base, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
