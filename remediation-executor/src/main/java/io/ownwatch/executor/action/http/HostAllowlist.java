package io.ownwatch.executor.action.http;

import java.util.List;
import java.util.Locale;

/**
 * A runbook's host allowlist: entries are exact hosts or {@code *.suffix}. A wildcard only ever matches DNS names
 * below the suffix (never the suffix itself, never an IP literal), so that {@code *.example.com} cannot be made to
 * reach {@code 127.0.0.1} by spelling.
 */
final class HostAllowlist {

    /** How a host matched. */
    enum Match {
        /** Not on the list. */
        NONE,
        /** Under a {@code *.suffix} entry: internal addresses stay refused. */
        WILDCARD,
        /** Listed as exactly this literal: what the runbook's approver saw, so internal addresses are allowed. */
        LITERAL
    }

    private HostAllowlist() {
    }

    static Match match(String host, List<String> entries, boolean ipLiteral) {
        String wanted = normalise(host);
        Match best = Match.NONE;
        for (String entry : entries) {
            String allowed = normalise(entry);
            if (allowed.equals(wanted)) {
                return Match.LITERAL;
            }
            if (!ipLiteral && allowed.startsWith("*.") && allowed.length() > 2 && allowed.indexOf('*', 1) < 0
                    && wanted.endsWith(allowed.substring(1))) {
                best = Match.WILDCARD;
            }
        }
        return best;
    }

    private static String normalise(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
