package dev.carryon.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of a server, for tests, that injects the faults of a bad network:
 * it resets the connection that carries the byte after every {@code cutEvery} bytes, holds every
 * connection still for a while after every {@code stallEvery} bytes, and can go {@link #down()} (connection
 * refused) and come {@link #up()} again on the same port. Bytes are counted in both directions together.
 * Close it in teardown.
 */
public final class FaultProxy implements AutoCloseable {
    private static final int SOCKET_BUFFER = 128 * 1024;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicInteger faults = new AtomicInteger();
    private volatile ServerSocket listener;
    private volatile long cutEvery;
    private volatile long nextCut = Long.MAX_VALUE;
    private volatile long stallEvery;
    private volatile long nextStall = Long.MAX_VALUE;
    private volatile Duration stall = Duration.ZERO;
    private volatile long stalledUntil;

    private FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** A proxy to {@code 127.0.0.1:targetPort}, forwarding faithfully until told otherwise. */
    public static FaultProxy start(int targetPort) throws IOException {
        return new FaultProxy(targetPort);
    }

    public int port() {
        return port;
    }

    /** {@code uri} with the proxy's port in place of the server's. */
    public URI via(URI uri) {
        return URI.create(uri.toString().replace(":" + targetPort + "/", ":" + port + "/"));
    }

    /** {@code uri} with the server's port in place of the proxy's: the same resource, without faults. */
    public URI direct(URI uri) {
        return URI.create(uri.toString().replace(":" + port + "/", ":" + targetPort + "/"));
    }

    /** Resets a connection each time another {@code bytes} bytes went through; 0 stops cutting. */
    public synchronized void cutEvery(long bytes) {
        cutEvery = bytes;
        nextCut = bytes > 0 ? forwarded.get() + bytes : Long.MAX_VALUE;
    }

    /** Holds all traffic still for {@code pause} each time another {@code bytes} bytes went through. */
    public synchronized void stallEvery(long bytes, Duration pause) {
        stallEvery = bytes;
        stall = pause;
        nextStall = bytes > 0 ? forwarded.get() + bytes : Long.MAX_VALUE;
    }

    /** Resets every connection and refuses new ones until {@link #up()}. */
    public synchronized void down() throws IOException {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
        }
        sockets.forEach(FaultProxy::reset);
        faults.incrementAndGet();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void up() throws IOException {
        if (listener == null) {
            listener = bind(port);
            accept(listener);
        }
    }

    /** Cuts, stalls and outages so far. */
    public int faults() {
        return faults.get();
    }

    /** Bytes forwarded in both directions so far. */
    public long forwarded() {
        return forwarded.get();
    }

    @Override
    public synchronized void close() throws IOException {
        cutEvery(0);
        stallEvery(0, Duration.ZERO);
        down();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket socket) {
        Thread.ofPlatform().daemon().name("fault-proxy-accept").start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    // Small buffers keep the bytes in flight (lost at a cut) near what a real network holds.
                    client.setSendBufferSize(SOCKET_BUFFER);
                    server.setSendBufferSize(SOCKET_BUFFER);
                    sockets.add(client);
                    sockets.add(server);
                    pump(client, server);
                    pump(server, client);
                } catch (IOException closed) {
                    // the listener was closed, or the server is not there: the client sees a reset
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length, untilNextFault()))) != -1; ) {
                    waitWhileStalled();
                    out.write(buffer, 0, n);
                    if (afterForwarding(n)) {
                        reset(from);
                        reset(to);
                        return;
                    }
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException closed) {
                reset(from);
                reset(to);
            } finally {
                sockets.remove(from);
            }
        });
    }

    /** Reads stop at the next fault, so that it strikes at the exact byte. */
    private long untilNextFault() {
        long left = Math.min(nextCut, nextStall) - forwarded.get();
        return Math.max(1, left);
    }

    /** Counts {@code n} bytes; returns true if this connection must be cut now. */
    private synchronized boolean afterForwarding(int n) {
        long total = forwarded.addAndGet(n);
        if (total >= nextStall) {
            nextStall = total + stallEvery;
            stalledUntil = System.nanoTime() + stall.toNanos();
            faults.incrementAndGet();
        }
        if (total >= nextCut) {
            nextCut = total + cutEvery;
            faults.incrementAndGet();
            return true;
        }
        return false;
    }

    private void waitWhileStalled() throws InterruptedException {
        long wait;
        while ((wait = stalledUntil - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // an RST, as a broken network or a crashed peer leaves it
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
