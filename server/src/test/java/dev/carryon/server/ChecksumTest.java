package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static dev.carryon.server.Uploads.OCTETS;

/**
 * tus {@code checksum} and {@code checksum-trailer}: a chunk whose checksum matches counts; one that does not
 * is answered with 460 and discarded, so the offset stays where it was. Each case appends "efghij" to an
 * upload of 20 bytes that holds "abcd".
 */
class ChecksumTest extends ServerTest {
    private static final byte[] CHUNK = "efghij".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "efghiJ".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> ALGORITHMS = List.of("sha1", "md5", "sha256", "sha512", "crc32");

    private static Map<String, String> fourOfTwenty(Uploads uploads) throws Exception {
        String id = uploads.create(20);
        uploads.append(id, 0, "abcd");
        return Map.of("id", id);
    }

    private static Request patch() {
        return Request.of("PATCH", "/files/{id}").tus().header("Upload-Offset", "4").header("Content-Type", OCTETS);
    }

    /** The tus form of a checksum, {@code <algorithm> <Base64>}, computed here independently of the server. */
    static String checksum(String algorithm, byte[] bytes) throws Exception {
        byte[] sum;
        if (algorithm.equals("crc32")) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            sum = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
        } else {
            String jca = switch (algorithm) {
                case "sha1" -> "SHA-1";
                case "md5" -> "MD5";
                case "sha256" -> "SHA-256";
                default -> "SHA-512";
            };
            sum = MessageDigest.getInstance(jca).digest(bytes);
        }
        return algorithm + " " + Base64.getEncoder().encodeToString(sum);
    }

    @TestFactory
    Stream<DynamicTest> checksumHeader() throws Exception {
        List<TusCase> cases = new ArrayList<>();
        for (String algorithm : ALGORITHMS) {
            cases.add(TusCase.of(algorithm + ": a matching checksum is accepted",
                            patch().header("Upload-Checksum", checksum(algorithm, CHUNK)).body(CHUNK))
                    .status(204).header("Upload-Offset", "10").offsetAfter(10));
            cases.add(TusCase.of(algorithm + ": a mismatch is 460 and the chunk is discarded",
                            patch().header("Upload-Checksum", checksum(algorithm, OTHER)).body(CHUNK))
                    .status(460).noHeader("Upload-Offset").offsetAfter(4));
        }
        cases.add(TusCase.of("a matching checksum works with a chunked body",
                        patch().header("Upload-Checksum", checksum("sha1", CHUNK))
                                .chunked(List.of("efg".getBytes(), "hij".getBytes())))
                .status(204).offsetAfter(10));
        cases.add(TusCase.of("an unknown algorithm is 400",
                        patch().header("Upload-Checksum", "sha3 " + Base64.getEncoder().encodeToString(new byte[32]))
                                .body(CHUNK))
                .status(400).offsetAfter(4));
        cases.add(TusCase.of("algorithm names are lower case", patch()
                        .header("Upload-Checksum", checksum("sha1", CHUNK).replace("sha1", "SHA1")).body(CHUNK))
                .status(400).offsetAfter(4));
        cases.add(TusCase.of("a checksum that is not Base64 is 400",
                        patch().header("Upload-Checksum", "sha1 not*base64!").body(CHUNK))
                .status(400).offsetAfter(4));
        cases.add(TusCase.of("a checksum without an algorithm is 400",
                        patch().header("Upload-Checksum", checksum("sha1", CHUNK).substring(5)).body(CHUNK))
                .status(400).offsetAfter(4));
        return TusCase.table(server, ChecksumTest::fourOfTwenty, cases.toArray(TusCase[]::new));
    }

    @TestFactory
    Stream<DynamicTest> checksumTrailer() throws Exception {
        List<TusCase> cases = new ArrayList<>();
        for (String algorithm : ALGORITHMS) {
            cases.add(TusCase.of(algorithm + ": a matching trailer is accepted", patch().header("Trailer", "Upload-Checksum")
                            .chunked(List.of("efg".getBytes(), "hij".getBytes()), "Upload-Checksum", checksum(algorithm, CHUNK)))
                    .status(204).header("Upload-Offset", "10").offsetAfter(10));
            cases.add(TusCase.of(algorithm + ": a mismatching trailer is 460 and the chunk is discarded",
                            patch().header("Trailer", "Upload-Checksum")
                                    .chunked(List.of(CHUNK), "Upload-Checksum", checksum(algorithm, OTHER)))
                    .status(460).offsetAfter(4));
        }
        cases.add(TusCase.of("a trailer announced but never sent is 400 and the chunk is discarded",
                        patch().header("Trailer", "Upload-Checksum").chunked(List.of(CHUNK)))
                .status(400).offsetAfter(4));
        cases.add(TusCase.of("a trailer with an unknown algorithm is 400", patch().header("Trailer", "Upload-Checksum")
                        .chunked(List.of(CHUNK), "Upload-Checksum", "whirlpool AAAA"))
                .status(400).offsetAfter(4));
        cases.add(TusCase.of("a trailer that is not Base64 is 400", patch().header("Trailer", "Upload-Checksum")
                        .chunked(List.of(CHUNK), "Upload-Checksum", "md5 %%%%"))
                .status(400).offsetAfter(4));
        return TusCase.table(server, ChecksumTest::fourOfTwenty, cases.toArray(TusCase[]::new));
    }

    @TestFactory
    Stream<DynamicTest> checksumOnCreation() throws Exception {
        Request post = Uploads.creation().header("Upload-Length", "20").header("Content-Type", OCTETS);
        return TusCase.table(server, u -> Map.of(),
                TusCase.of("creation-with-upload checks the first chunk",
                                post.header("Upload-Checksum", checksum("sha256", CHUNK)).body(CHUNK))
                        .status(201).header("Upload-Offset", "6"));
    }
}
