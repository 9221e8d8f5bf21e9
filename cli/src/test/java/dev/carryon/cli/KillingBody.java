package dev.carryon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A request body that SIGKILLs the server once {@code killAfter} of its bytes have been read. */
final class KillingBody extends InputStream {

    /** Kills the server; waits until it is gone. */
    @FunctionalInterface
    interface Killer {
        void kill() throws InterruptedException;
    }

    private final byte[] content;
    private final int start;
    private final int length;
    private final int killAfter;
    private final Killer killer;
    private int sent;
    private boolean killed;

    KillingBody(byte[] content, long start, int length, int killAfter, Killer killer) {
        this.content = content;
        this.start = (int) start;
        this.length = length;
        this.killAfter = killAfter;
        this.killer = killer;
    }

    int sent() {
        return sent;
    }

    @Override
    public int read() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        if (sent >= killAfter && !killed) {
            killed = true;
            try {
                Thread.sleep(100); // lets the bytes sent so far reach the server
                killer.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException(e));
            }
        }
        int n = Math.min(Math.min(len, length - sent), sent < killAfter ? killAfter - sent : 16 * 1024);
        if (n <= 0) {
            return -1;
        }
        System.arraycopy(content, start + sent, buffer, off, n);
        sent += n;
        return n;
    }
}
