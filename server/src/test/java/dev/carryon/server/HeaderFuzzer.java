package dev.carryon.server;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates protocol header values for property tests from a seeded generator: mostly near misses of valid
 * values (a number with a sign, a fraction, a huge magnitude, Unicode digits, stray whitespace or control
 * characters, Base64 that is almost right, structured fields with junk), sometimes valid ones, sometimes
 * random bytes. Repeatable: the same seed gives the same values.
 */
final class HeaderFuzzer {
    private static final List<String> JUNK = List.of("", " ", "\t", ",", ";", "=", ":", "?", "*", "-", "+", ".",
            "0x", "e9", "\u000b", "\u000c", "\u0001", "\u007f", "\u00a0", "\u00e9", "٣", "\"", "\\", "%00", "%0a",
            "..", "/", "?1", "?0", "9223372036854775808", "99999999999999999999", "-1", "00", "sha1", "sha-256");

    private final Random random;

    HeaderFuzzer(long seed) {
        this.random = new Random(seed);
    }

    /** An offset- or length-like number, valid or mangled, near {@code around}. */
    String number(long around) {
        return mangle(() -> Long.toString(Math.max(0, around + random.nextInt(7) - 3)));
    }

    /** An {@code Upload-Metadata} value: pairs of keys and Base64 values, some of them broken. */
    String metadata() {
        int pairs = random.nextInt(4);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(token()).append(' ').append(base64());
        }
        return mangle(s::toString);
    }

    /** An {@code Upload-Checksum} value. */
    String checksum() {
        String algorithm = pick(List.of("sha1", "md5", "sha256", "sha512", "crc32", "SHA1", "whirlpool", ""));
        return mangle(() -> algorithm + " " + base64());
    }

    /** An {@code Upload-Concat} value naming fixture uploads and other paths. */
    String concat() {
        List<String> parts = List.of("/files/{partial}", "/files/{id}", "/files/{final}", "/files/../{partial}",
                "http://127.0.0.1/files/{partial}", "/files/{partial}/", "/other/{partial}", "{partial}");
        StringBuilder s = new StringBuilder(pick(List.of("final;", "partial", "final; ", "final;;")));
        for (int i = random.nextInt(3); i > 0; i--) {
            s.append(pick(parts)).append(' ');
        }
        return mangle(() -> s.toString().strip());
    }

    /** A structured-field value as the draft uses: booleans, integers, byte sequences, dictionaries. */
    String structured() {
        return mangle(() -> pick(List.of("?1", "?0", Integer.toString(random.nextInt(20)),
                ":" + base64() + ":", "sha-256=:" + base64() + ":", "max-size=" + random.nextInt(1000))));
    }

    /** A value of any kind; as often as not, one that is plainly wrong. */
    String any() {
        return switch (random.nextInt(5)) {
            case 0 -> number(random.nextInt(12));
            case 1 -> metadata();
            case 2 -> checksum();
            case 3 -> structured();
            default -> randomText(1 + random.nextInt(40));
        };
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A valid value from {@code valid} a third of the time, else one broken in one or two places. */
    private String mangle(Supplier<String> valid) {
        String value = valid.get();
        if (random.nextInt(3) == 0) {
            return value;
        }
        StringBuilder s = new StringBuilder(value);
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            String junk = pick(JUNK);
            int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> s.insert(at, junk);
                case 1 -> s.replace(at, Math.min(s.length(), at + 1 + random.nextInt(3)), junk);
                default -> s.append(junk);
            }
        }
        return s.toString();
    }

    private String token() {
        return pick(List.of("filename", "filetype", "name", "a", "k", "x-y", "fi le", "", "\u00e9"));
    }

    private String base64() {
        byte[] bytes = new byte[random.nextInt(12)];
        random.nextBytes(bytes);
        String b = Base64.getEncoder().encodeToString(bytes);
        return random.nextInt(4) == 0 && !b.isEmpty() ? b.substring(0, b.length() - 1) : b;
    }

    /** Characters a header field can carry on the wire (ISO-8859-1 without CR and LF), and a few it cannot. */
    private String randomText(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = (char) random.nextInt(256);
            s.append(c == '\r' || c == '\n' ? ' ' : c);
        }
        return s.toString();
    }
}
