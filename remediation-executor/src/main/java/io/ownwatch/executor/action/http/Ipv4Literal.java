package io.ownwatch.executor.action.http;

import java.math.BigInteger;
import java.util.Optional;

/**
 * IPv4 addresses as {@code inet_aton} and WHATWG URL parsers read them, whatever the spelling: one to four parts,
 * each decimal, octal (leading {@code 0}) or hexadecimal ({@code 0x}), the last part filling the remaining bytes.
 * So {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f000001} and {@code 127.1} are all 127.0.0.1: a guard that
 * only knew dotted quads would hand such a host to a resolver that reads it as loopback.
 */
final class Ipv4Literal {

    private Ipv4Literal() {
    }

    /** Whether the host is spelled as a number (every dot-separated part starts with a digit). */
    static boolean looksNumeric(String host) {
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (trimmed.isEmpty()) {
            return false;
        }
        for (String part : trimmed.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isDigit(part.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    /** The four bytes, or empty when the host is not a valid numeric IPv4 spelling. */
    static Optional<byte[]> parse(String host) {
        if (!looksNumeric(host)) {
            return Optional.empty();
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> number = number(parts[i]);
            if (number.isEmpty()) {
                return Optional.empty();
            }
            numbers[i] = number.get();
        }
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i] > 255) {
                return Optional.empty();
            }
        }
        long last = numbers[numbers.length - 1];
        if (last >= 1L << (8 * (5 - numbers.length))) {
            return Optional.empty();
        }
        long value = last;
        for (int i = 0; i < numbers.length - 1; i++) {
            value |= numbers[i] << (8 * (3 - i));
        }
        return Optional.of(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** Whether this is the canonical spelling: four decimal parts without leading zeros. */
    static boolean isCanonical(String host) {
        return host.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}") && parse(host).isPresent();
    }

    private static Optional<Long> number(String part) {
        try {
            BigInteger value;
            if (part.startsWith("0x") || part.startsWith("0X")) {
                value = part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16);
            }
            else if (part.length() > 1 && part.startsWith("0")) {
                value = new BigInteger(part.substring(1), 8);
            }
            else {
                value = new BigInteger(part, 10);
            }
            return value.bitLength() > 32 ? Optional.empty() : Optional.of(value.longValue());
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }
}
