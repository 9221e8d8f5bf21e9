package dev.carryon.client;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What identifies one version of a local file cheaply: its path, size, modification time and a SHA-256 of
 * its first and last MiB. An upload resumes only while the file's fingerprint is unchanged; a file that was
 * rewritten, even to the same size, is uploaded again from the start. Immutable and serialisable.
 *
 * @param path         the file's absolute, normalised path
 * @param size         its size in bytes
 * @param modifiedTime its modification time, in milliseconds since the epoch
 * @param sampleSha256 SHA-256 (hex) of the size and the first and last MiB
 */
public record Fingerprint(String path, long size, long modifiedTime, String sampleSha256) implements Serializable {
    private static final int SAMPLE = 1 << 20;

    /** Reads the fingerprint of {@code file} now. */
    public static Fingerprint of(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.READ)) {
            long size = channel.size();
            MessageDigest sha = ChecksumAlgorithm.SHA256.newDigest();
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(size).flip());
            sample(channel, 0, sha);
            if (size > SAMPLE) {
                sample(channel, Math.max(SAMPLE, size - SAMPLE), sha);
            }
            long modified = java.nio.file.Files.getLastModifiedTime(absolute).toMillis();
            return new Fingerprint(absolute.toString(), size, modified, HexFormat.of().formatHex(sha.digest()));
        }
    }

    private static void sample(FileChannel channel, long from, MessageDigest sha) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SAMPLE);
        long position = from;
        while (buffer.hasRemaining() && channel.read(buffer, position) > 0) {
            position = from + buffer.position();
        }
        sha.update(buffer.flip());
    }

    /** The file this fingerprint describes. */
    public Path file() {
        return Path.of(path);
    }
}
