package dev.carryon.core.disk;

import dev.carryon.core.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A full disk is told apart from other write failures by the message the JDK takes from the operating system;
 * the disk-full suite (DiskFullSuiteTest in the server module) exercises the real thing on a small tmpfs.
 */
class StorageFullExceptionTest {

    @Test
    void noSpaceAndNoQuotaBecome507() {
        for (String message : new String[]{"No space left on device", "Disk quota exceeded"}) {
            StorageFullException full = assertThrows(StorageFullException.class,
                    () -> StorageFullException.translate(new IOException(message)));
            assertEquals(ErrorCode.INSUFFICIENT_STORAGE, full.code());
            assertEquals(507, full.code().status());
        }
    }

    @Test
    void otherFailuresStayWhatTheyAre() {
        IOException other = new IOException("Input/output error");
        assertSame(other, StorageFullException.translate(other));
        IOException noMessage = new IOException();
        assertSame(noMessage, StorageFullException.translate(noMessage));
    }
}
