package dev.carryon.server.download;

/** An inclusive range of byte positions, {@code first} to {@code last}, as in {@code Content-Range}. */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value for this range of a representation of {@code completeLength}. */
    public String contentRange(String completeLength) {
        return "bytes " + first + "-" + last + "/" + completeLength;
    }
}
