package io.ownwatch.executor.action.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.ownwatch.executor.action.ActionFailed;
import io.ownwatch.executor.action.StepRefused;

/**
 * The SSRF guard of HTTP steps. A host must be on the runbook's allowlist; then every address it stands for (the
 * IP literal however spelled, or every A/AAAA record of a name) must be a public unicast address, unless the
 * allowlist names the host by exactly that literal (an approver who lists {@code 10.0.4.2} or
 * {@code queue.payments.internal} means it; one who lists {@code *.example.com} does not mean the metadata service).
 * The step then connects to the address checked here, so a second resolution cannot answer differently (DNS
 * rebinding).
 */
public final class AddressGuard {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]+");

    private final Resolver resolver;

    public AddressGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    /** The system resolver: every A and AAAA record of a name. */
    public static AddressGuard system() {
        return new AddressGuard(InetAddress::getAllByName);
    }

    /** Looks up every address of a DNS name. */
    @FunctionalInterface
    public interface Resolver {

        InetAddress[] resolve(String name) throws UnknownHostException;
    }

    /** A host that passed: the address to connect to, and the name to present (Host header, TLS SNI). */
    public record Checked(String host, InetAddress address) {
    }

    /**
     * Checks a URL's host (as {@link java.net.URI#getHost()} gives it, IPv6 literals in brackets).
     *
     * @param field the setting the host came from, named by a refusal
     * @throws StepRefused   when the host is not allowlisted or stands for an internal address
     * @throws ActionFailed  when a name cannot be resolved
     */
    public Checked check(String host, List<String> allowlist, String field) {
        if (host == null || host.isBlank()) {
            throw new StepRefused(field, "has no host");
        }
        String lower = host.toLowerCase(Locale.ROOT);
        boolean ipv6 = lower.startsWith("[");
        boolean ipLiteral = ipv6 || Ipv4Literal.looksNumeric(lower);
        if (HostAllowlist.match(lower, allowlist, ipLiteral) == HostAllowlist.Match.NONE) {
            throw new StepRefused(field, "host " + host + " is not on the runbook's host allowlist");
        }
        boolean literallyAllowed = HostAllowlist.match(lower, allowlist, ipLiteral) == HostAllowlist.Match.LITERAL;
        InetAddress[] addresses;
        String kindOverride = null;
        if (ipv6) {
            String inner = lower.substring(1, lower.length() - 1);
            if (!lower.endsWith("]") || !inner.contains(":") || !IPV6_LITERAL.matcher(inner).matches()) {
                throw new StepRefused(field, "host " + host + " is not a valid IPv6 literal");
            }
            addresses = new InetAddress[] {literal(inner, host, field)};
            if (addresses[0] instanceof Inet4Address) {
                // Java reads ::ffff:a.b.c.d as the IPv4 address: whatever it carries, the spelling hides it.
                kindOverride = "IPv4-mapped IPv6 (::ffff:0:0/96)";
            }
        }
        else if (ipLiteral) {
            byte[] bytes = Ipv4Literal.parse(lower).orElseThrow(() ->
                    new StepRefused(field, "host " + host + " is neither a DNS name nor a valid IPv4 address"));
            addresses = new InetAddress[] {byAddress(host, bytes)};
            if (!Ipv4Literal.isCanonical(lower)) {
                kindOverride = "encoded IPv4 form of " + addresses[0].getHostAddress();
            }
        }
        else {
            if (!DNS_NAME.matcher(lower).matches()) {
                throw new StepRefused(field, "host " + host + " is not a valid DNS name");
            }
            try {
                addresses = resolver.resolve(lower);
            }
            catch (UnknownHostException ex) {
                throw new ActionFailed("cannot resolve host " + host, true);
            }
            if (addresses == null || addresses.length == 0) {
                throw new ActionFailed("host " + host + " has no address", true);
            }
        }
        if (!literallyAllowed) {
            for (InetAddress address : addresses) {
                Optional<String> kind = kindOverride != null ? Optional.of(kindOverride) : InternalAddresses.kind(address);
                if (kind.isPresent()) {
                    throw new StepRefused(field, "host " + host + " stands for " + address.getHostAddress() + ", "
                            + kind.get() + "; only a host allowlisted by exactly this literal may");
                }
            }
        }
        return new Checked(host, addresses[0]);
    }

    private static InetAddress literal(String inner, String host, String field) {
        try {
            // A literal: parsed, never looked up.
            return InetAddress.getByName(inner);
        }
        catch (UnknownHostException | SecurityException ex) {
            throw new StepRefused(field, "host " + host + " is not a valid IPv6 literal");
        }
    }

    private static InetAddress byAddress(String host, byte[] bytes) {
        try {
            return InetAddress.getByAddress(host, bytes);
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException("four bytes are always an address", ex);
        }
    }
}
