package io.ownwatch.executor.action;

import java.util.Optional;

/**
 * Recognises values that carry shell or path syntax or control characters. No step goes through a shell, but a
 * parameter ends up in URLs, headers, bodies and Kubernetes names, where these characters let a value escape the
 * place it was bound to (a second query parameter, a header line, a parent directory, a second command on a target
 * that does use a shell). Percent-encoded variants are decoded, repeatedly, before the check.
 */
final class UnsafeSyntax {

    private static final String FORBIDDEN = ";|&`$<>";
    private static final int MAX_DECODING_ROUNDS = 4;

    private UnsafeSyntax() {
    }

    /** Why the value is refused, or empty when it is safe to bind. */
    static Optional<String> problem(String value) {
        String current = value;
        for (int round = 0; round <= MAX_DECODING_ROUNDS; round++) {
            Optional<String> found = literalProblem(current);
            if (found.isPresent()) {
                return round == 0 ? found : Optional.of(found.get() + " (percent-encoded)");
            }
            String decoded = percentDecode(current);
            if (decoded.equals(current)) {
                return Optional.empty();
            }
            current = decoded;
        }
        return Optional.of("is percent-encoded too many times");
    }

    private static Optional<String> literalProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of("contains a control character (U+%04X)".formatted((int) c));
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("contains shell syntax '" + c + "'");
            }
        }
        for (String segment : value.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                return Optional.of("contains a parent-directory segment '..'");
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes {@code %XX} sequences as bytes of UTF-8; malformed sequences stay as they are. Not
     * {@link java.net.URLDecoder}: that throws on a stray {@code %} and turns {@code +} into a space.
     */
    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] raw = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            }
            else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
