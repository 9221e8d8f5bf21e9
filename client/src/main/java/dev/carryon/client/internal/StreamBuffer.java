package dev.carryon.client.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: not part of the API. The bounded memory of a stream upload: pushed bytes fill fixed-size blocks,
 * full blocks wait to be sent, and a block is given back only once the server confirmed it. At most
 * {@code maxBlocks} blocks exist at a time, so pushing blocks while they are all in use; block arrays are
 * reused, so a stream of any length allocates them once.
 */
final class StreamBuffer {
    /** A run of consecutive stream bytes, sent in one request. */
    static final class Block {
        final byte[] data;
        final long offset;
        int length;
        boolean last;

        Block(byte[] data, long offset) {
            this.data = data;
            this.offset = offset;
        }

        long end() {
            return offset + length;
        }
    }

    private final int blockSize;
    private final int maxBlocks;
    private final ArrayDeque<Block> ready = new ArrayDeque<>();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private Block open;
    private long openSince;
    private int blocks;
    private long position;
    private boolean ended;
    private Throwable closed;

    StreamBuffer(int blockSize, long capacity) {
        this.blockSize = blockSize;
        this.maxBlocks = (int) Math.max(2, capacity / blockSize);
    }

    /** Where the stream's first buffered byte lies: 0, or the server's offset when resuming. */
    synchronized void startAt(long offset) {
        position = offset;
    }

    synchronized long position() {
        return position;
    }

    synchronized boolean ended() {
        return ended;
    }

    /** Appends bytes, waiting while every block is in use. */
    synchronized void put(byte[] bytes, int offset, int length) throws InterruptedException {
        int from = offset;
        int left = length;
        while (left > 0) {
            checkOpen();
            if (open == null) {
                if (blocks >= maxBlocks) {
                    wait();
                    continue;
                }
                byte[] data = spare.isEmpty() ? new byte[blockSize] : spare.pop();
                open = new Block(data, position);
                openSince = System.nanoTime();
                blocks++;
            }
            int n = Math.min(left, blockSize - open.length);
            System.arraycopy(bytes, from, open.data, open.length, n);
            open.length += n;
            position += n;
            from += n;
            left -= n;
            if (open.length == blockSize) {
                ready.add(open);
                open = null;
            }
            notifyAll();
        }
    }

    /**
     * The next block to send: a full one, or a partly filled one whose first byte waited {@code lingerNanos}
     * or after the end. Null once the stream has ended and everything was handed out, or if it was closed.
     */
    synchronized Block next(long lingerNanos) throws InterruptedException {
        while (closed == null) {
            if (!ready.isEmpty()) {
                Block block = ready.poll();
                block.last = ended && ready.isEmpty();
                return block;
            }
            if (ended) {
                return null;
            }
            if (open != null && open.length > 0) {
                long waited = System.nanoTime() - openSince;
                if (waited >= lingerNanos) {
                    ready.add(open);
                    open = null;
                    continue;
                }
                long left = lingerNanos - waited;
                wait(Math.max(1, left / 1_000_000), (int) (left % 1_000_000));
            } else {
                wait();
            }
        }
        return null;
    }

    /** The server has {@code block}: its memory can take new bytes. */
    synchronized void release(Block block) {
        spare.push(block.data);
        blocks--;
        notifyAll();
    }

    /** No more bytes will come: the partly filled block becomes the last. Does nothing if already ended or closed. */
    synchronized void end() {
        if (ended || closed != null) {
            return;
        }
        if (open != null && open.length > 0) {
            ready.add(open);
        } else if (open != null) {
            spare.push(open.data);
            blocks--;
        }
        open = null;
        ended = true;
        notifyAll();
    }

    /**
     * Stops the buffer for good: pushes fail, naming {@code reason}, and the blocks not yet handed out are
     * returned (in stream order) so that their bytes can be given back to the application.
     */
    synchronized List<Block> close(Throwable reason) {
        if (closed == null) {
            closed = reason;
        }
        List<Block> left = new ArrayList<>(ready);
        if (open != null && open.length > 0) {
            left.add(open);
        }
        ready.clear();
        open = null;
        notifyAll();
        return left;
    }

    private void checkOpen() {
        if (closed != null) {
            throw new IllegalStateException("the stream upload has stopped: " + closed.getMessage(), closed);
        }
        if (ended) {
            throw new IllegalStateException("the stream has ended");
        }
    }
}
