package dev.carryon.client;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * When a {@link FaultProxy} strikes, counted in bytes forwarded: each kind of fault can recur every so many
 * bytes, and faults of chosen kinds can also come at random distances drawn from a seeded generator, so a
 * failing run can be repeated. Thread-safe.
 */
public final class FaultPlan {
    /** What the proxy does to the connection that carries the byte where a fault is due. */
    public enum Fault {
        /** Both sides get a TCP reset, as when a network path or a peer dies. */
        RESET,
        /** The connection stands still for a while, in both directions, then continues. */
        STALL,
        /** The receiver sees a clean end of stream in the middle of what was sent; the sender a closed socket. */
        TRUNCATE
    }

    private final Map<Fault, Long> every = new EnumMap<>(Fault.class);
    private final Map<Fault, Long> next = new EnumMap<>(Fault.class);
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private Random random;
    private long meanGap;
    private List<Fault> randomKinds = List.of();
    private long nextRandom = Long.MAX_VALUE;
    private Fault nextRandomKind;

    /** {@code fault} each time another {@code bytes} went through, counting from {@code now}; 0 stops it. */
    synchronized void every(Fault fault, long bytes, long now) {
        every.put(fault, bytes);
        next.put(fault, bytes > 0 ? now + bytes : Long.MAX_VALUE);
    }

    /**
     * Faults of {@code kinds}, one at a time, each after a random distance of 1/2 to 3/2 of {@code meanGap}
     * bytes, from a generator seeded with {@code seed}; no kinds stops them.
     */
    synchronized void random(long seed, long meanGap, long now, Fault... kinds) {
        this.random = new Random(seed);
        this.meanGap = meanGap;
        this.randomKinds = List.of(kinds);
        scheduleRandom(now);
    }

    /** Where the next fault of any kind is due. */
    synchronized long nextAt() {
        long at = nextRandom;
        for (long n : next.values()) {
            at = Math.min(at, n);
        }
        return at;
    }

    /** The faults due now that {@code total} bytes went through, each rescheduled. */
    synchronized List<Fault> due(long total) {
        List<Fault> faults = new ArrayList<>();
        for (Map.Entry<Fault, Long> n : next.entrySet()) {
            if (total >= n.getValue()) {
                faults.add(n.getKey());
                n.setValue(total + every.get(n.getKey()));
            }
        }
        if (total >= nextRandom) {
            faults.add(nextRandomKind);
            scheduleRandom(total);
        }
        faults.forEach(f -> injected.merge(f, 1, Integer::sum));
        return faults;
    }

    /** Faults injected so far, by kind. */
    synchronized Map<Fault, Integer> injected() {
        return Map.copyOf(injected);
    }

    private void scheduleRandom(long now) {
        if (randomKinds.isEmpty() || meanGap <= 0) {
            nextRandom = Long.MAX_VALUE;
            return;
        }
        nextRandom = now + meanGap / 2 + (long) (random.nextDouble() * meanGap);
        nextRandomKind = randomKinds.get(random.nextInt(randomKinds.size()));
    }
}
