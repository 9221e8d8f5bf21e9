package dev.carryon.core;

import java.util.List;

/**
 * The part an upload plays in tus concatenation: none, a partial upload, or the final upload made of
 * {@code partIds} in order.
 */
public record Concat(Role role, List<String> partIds) {
    public static final Concat NONE = new Concat(Role.NONE, List.of());
    public static final Concat PARTIAL = new Concat(Role.PARTIAL, List.of());

    public enum Role { NONE, PARTIAL, FINAL }

    public Concat {
        partIds = List.copyOf(partIds);
        if ((role == Role.FINAL) == partIds.isEmpty()) {
            throw new IllegalArgumentException("only a final upload has parts, and it has at least one");
        }
    }

    public static Concat finalOf(List<String> partIds) {
        return new Concat(Role.FINAL, partIds);
    }

    public boolean isFinal() {
        return role == Role.FINAL;
    }

    public boolean isPartial() {
        return role == Role.PARTIAL;
    }
}
