package dev.carryon.server;

import dev.carryon.server.RawHttp.Request;
import dev.carryon.server.RawHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Disk-full suite: the data directory on a size-limited tmpfs mounted for the test. An upload that runs out
 * of space gets 507 and keeps what was written; creating an upload on a full disk gets 507 and leaves no
 * files; an upload stored before is not damaged; once space is freed the interrupted upload resumes from its
 * offset and completes. Needs the right to mount (root, or CAP_SYS_ADMIN); skipped with a message otherwise.
 */
class DiskFullSuiteTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path sandbox;
    private Path mount;
    private TestServer server;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = Files.createDirectories(sandbox.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            abort("cannot mount a small tmpfs here (" + out + "): run the tests as root, or in a container with"
                    + " CAP_SYS_ADMIN, to include the disk-full suite");
        }
        server = TestServer.start(c -> c.withDataDir(mount.resolve("data")));
    }

    @AfterEach
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aFullDiskGets507DamagesNothingAndTheUploadResumesOnceThereIsRoom() throws Exception {
        Uploads uploads = new Uploads(server);
        byte[] stored = random(MIB, 1);
        String kept = uploads.create(stored.length);
        uploads.append(kept, 0, stored);
        Path ballast = mount.resolve("ballast");
        Files.write(ballast, random(3 * MIB, 2));

        byte[] big = random(5 * MIB, 3);
        String id = uploads.create(big.length);
        Response full = uploads.send(Uploads.patchAt(id, 0).body(big));
        assertEquals(507, full.status(), full::toString);
        long offset = Long.parseLong(uploads.head(id).header("Upload-Offset"));
        assertTrue(offset > 0 && offset < big.length, "kept " + offset + " bytes of the chunk that filled the disk");
        assertEquals(offset, Files.size(mount.resolve("data").resolve(id + ".bin")), "the offset is what is on disk");

        Response create = uploads.send(Uploads.creation().header("Upload-Length", "100"));
        assertEquals(507, create.status(), () -> "creation on a full disk: " + create);
        long filesWhenFull;
        try (var files = Files.list(mount.resolve("data"))) {
            filesWhenFull = files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
        assertEquals(4, filesWhenFull, "only the two uploads' files are there");

        assertArrayEquals(stored, uploads.send(Request.of("GET", "/files/" + kept)).body(), "the stored upload is intact");

        Files.delete(ballast);
        byte[] rest = java.util.Arrays.copyOfRange(big, (int) offset, big.length);
        assertEquals(big.length, uploads.append(id, offset, rest), "resumed once there was room");
        assertEquals(sha256(big), sha256(uploads.send(Request.of("GET", "/files/" + id)).body()));
        System.out.println("[reliability] disk-full: uploads=2/2 refusedWith507=2 keptOfFailedChunk=" + offset
                + " resumedFrom=" + offset + " storedIntact=true");
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
