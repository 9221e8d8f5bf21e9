package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;
import dev.carryon.client.ChecksumAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal: not part of the API. Verifying a downloaded file against the SHA-256 the server computes of its
 * copy (RFC 9530 {@code Repr-Digest}, asked for with {@code Want-Repr-Digest}; Carryon answers it for
 * complete uploads on a request in the resumable-upload draft's terms). A server that offers no digest is
 * not asked again and the file is checked by length only.
 */
final class DigestCheck {
    private static final Pattern SHA256 = Pattern.compile("(?:^|,)\\s*sha-256=:([A-Za-z0-9+/=]+):");

    private DigestCheck() {
    }

    /** The server's SHA-256 of the file, in hex, or null if it offers none. */
    static String serverSha256(Transport transport, URI url, Cancellation cancellation)
            throws IOException, InterruptedException {
        HttpResponse<Void> r = transport.send(transport.request(url).method("HEAD", BodyPublishers.noBody())
                .header("Want-Repr-Digest", "sha-256=10")
                .header("Upload-Draft-Interop-Version", "8"), BodyHandlers.discarding(), cancellation);
        if (r.statusCode() / 100 != 2) {
            return null;
        }
        Matcher m = SHA256.matcher(String.join(",", r.headers().allValues("Repr-Digest")));
        if (!m.find()) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(m.group(1)));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** The SHA-256 of a local file, in hex. */
    static String sha256(Path file) throws LocalFileException {
        MessageDigest digest = ChecksumAlgorithm.SHA256.newDigest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
