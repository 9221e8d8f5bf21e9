package dev.carryon.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Hands out {@link PartBuffer}s within one memory budget for all uploads together: a part is held in memory
 * while the budget has room for all of it, and in a temporary file otherwise. So memory stays bounded
 * whatever the number of uploads and the size of their parts, and nothing ever waits for memory.
 */
final class PartBuffers {
    /** Parts larger than this always go to a file: a few of them would take the whole budget. */
    static final long MAX_IN_MEMORY = 64L << 20;
    private static final int KIB = 1024;

    private final Semaphore budgetKib;
    private final Path spoolDir;

    PartBuffers(long memoryBudget, Path spoolDir) {
        this.budgetKib = new Semaphore((int) Math.min(Integer.MAX_VALUE, memoryBudget / KIB));
        this.spoolDir = spoolDir;
    }

    PartBuffer allocate(long capacity) throws IOException {
        int kib = (int) Math.ceilDiv(capacity, KIB);
        if (capacity <= MAX_IN_MEMORY && budgetKib.tryAcquire(kib)) {
            return new PartBuffer.Memory(capacity, () -> budgetKib.release(kib));
        }
        Files.createDirectories(spoolDir);
        return new FilePartBuffer(capacity, spoolDir);
    }

    /** Memory left in the budget, in bytes (for tests and metrics). */
    long memoryAvailable() {
        return (long) budgetKib.availablePermits() * KIB;
    }
}
