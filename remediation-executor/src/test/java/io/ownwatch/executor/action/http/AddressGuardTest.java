package io.ownwatch.executor.action.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.ownwatch.executor.action.ActionFailed;
import io.ownwatch.executor.action.StepRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard: every internal address, however spelled or however a name resolves, is refused unless the
 * allowlist names the host by exactly that literal. Names resolve through a fixed table here, as a DNS server that
 * answers with internal addresses would.
 */
class AddressGuardTest {

    private static final Map<String, List<String>> DNS = Map.of(
            "api.example.com", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "rebind.example.com", List.of("93.184.216.34", "127.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"),
            "intranet.example.com", List.of("10.1.2.3"),
            "v6local.example.com", List.of("fd00::1"),
            "queue.payments.internal", List.of("10.0.4.2"));

    private final AddressGuard guard = new AddressGuard(name -> {
        List<String> addresses = DNS.get(name);
        if (addresses == null) {
            throw new UnknownHostException(name);
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i));
        }
        return resolved;
    });

    private StepRefused refusal(String host, List<String> allowlist) {
        try {
            guard.check(host, allowlist, "settings.url");
        }
        catch (StepRefused refused) {
            assertThat(refused.field()).isEqualTo("settings.url");
            return refused;
        }
        throw new AssertionError(host + " was not refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "224.0.0.1", "239.255.255.250",
            "255.255.255.255", "240.0.0.1",
            // encoded IPv4 forms of loopback and of the metadata service
            "2130706433", "0177.0.0.1", "0x7f000001", "0x7f.0.0.1", "127.1", "127.0.1", "017700000001",
            "2852039166", "0xa9fea9fe", "0251.0376.0251.0376",
            // IPv6
            "[::1]", "[::]", "[fe80::1]", "[febf::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:169.254.169.254]", "[::127.0.0.1]",
            "[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::]"})
    void refusesInternalAddressesListedOnlyByWildcardOrNotAtAll(String host) {
        // Allowlisted by a wildcard that could never match an IP literal: refused by the allowlist.
        assertThat(refusal(host, List.of("*.example.com")).getMessage()).contains("not on the runbook's host allowlist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "224.0.0.1", "239.255.255.250",
            "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.0.8", "::1", "::", "fe80::1", "febf::1", "fec0::1",
            "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::", "2001::1", "2001:db8::1"})
    void refusesANameThatResolvesToAnyInternalAddress(String address) throws UnknownHostException {
        InetAddress resolved = InetAddress.getByName(address);
        AddressGuard answering = new AddressGuard(name -> new InetAddress[] {resolved});

        assertThatThrownBy(() -> answering.check("svc.example.com", List.of("*.example.com"), "settings.url"))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.getMessage())
                        .contains("svc.example.com stands for " + resolved.getHostAddress()));
        // The same name listed exactly is what its approver meant.
        assertThat(answering.check("svc.example.com", List.of("svc.example.com"), "settings.url").address())
                .isEqualTo(resolved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "2130706433", "0177.0.0.1", "0x7f000001", "127.1", "[::1]",
            "[::ffff:127.0.0.1]", "169.254.169.254", "10.0.0.1", "[fe80::1]", "[fd00::1]"})
    void allowsAnInternalAddressAllowlistedByExactlyThatLiteral(String host) {
        AddressGuard.Checked checked = guard.check(host, List.of(host), "settings.url");

        assertThat(checked.address()).isNotNull();
    }

    @Test
    void refusesAnotherSpellingOfAnAllowlistedLiteral() {
        for (String host : List.of("2130706433", "0177.0.0.1", "0x7f000001", "127.1", "[::ffff:127.0.0.1]", "[::1]")) {
            assertThat(refusal(host, List.of("127.0.0.1")).getMessage()).contains("not on the runbook's host allowlist");
        }
    }

    @Test
    void decodesEveryIpv4SpellingToTheAddressItMeans() {
        for (String host : List.of("2130706433", "0177.0.0.1", "0x7f000001", "127.1", "127.0.1", "0x7f.1")) {
            assertThat(guard.check(host, List.of(host), "settings.url").address().getHostAddress()).isEqualTo("127.0.0.1");
        }
        assertThat(Ipv4Literal.parse("256.1.1.1")).isEmpty();
        assertThat(Ipv4Literal.parse("1.2.3.4.5")).isEmpty();
        assertThat(Ipv4Literal.parse("4294967296")).isEmpty();
        assertThat(Ipv4Literal.parse("08.1.1.1")).isEmpty();
        assertThat(Ipv4Literal.looksNumeric("cafe.example.com")).isFalse();
    }

    @Test
    void refusesANameThatResolvesToAnInternalAddressThroughAWildcard() {
        assertThat(refusal("metadata.example.com", List.of("*.example.com")).getMessage())
                .contains("169.254.169.254", "link-local");
        assertThat(refusal("intranet.example.com", List.of("*.example.com")).getMessage()).contains("10.1.2.3", "private");
        assertThat(refusal("v6local.example.com", List.of("*.example.com")).getMessage()).contains("fd00");
    }

    @Test
    void checksEveryResolvedAddressNotOnlyTheFirst() {
        assertThat(refusal("rebind.example.com", List.of("*.example.com")).getMessage()).contains("127.0.0.1", "loopback");
    }

    @Test
    void allowsAPublicNameAndPinsTheAddressItChecked() {
        AddressGuard.Checked checked = guard.check("API.example.com", List.of("*.example.com"), "settings.url");

        assertThat(checked.address().getHostAddress()).isEqualTo("93.184.216.34");
    }

    @Test
    void allowsAnInternalNameListedExactly() {
        assertThat(guard.check("queue.payments.internal", List.of("queue.payments.internal"), "settings.url")
                .address().getHostAddress()).isEqualTo("10.0.4.2");
        assertThat(refusal("queue.payments.internal", List.of("*.payments.internal")).getMessage()).contains("private");
    }

    @Test
    void refusesHostsOffTheAllowlistWithoutLookingThemUp() {
        assertThat(refusal("unknown.example.org", List.of("*.example.com")).getMessage()).contains("allowlist");
        assertThat(refusal("example.com", List.of("*.example.com")).getMessage()).contains("allowlist");
        assertThat(refusal("evilexample.com", List.of("*.example.com")).getMessage()).contains("allowlist");
        assertThat(refusal("api.example.com", List.of()).getMessage()).contains("allowlist");
    }

    @Test
    void failsAnAllowlistedNameThatDoesNotResolve() {
        assertThatThrownBy(() -> guard.check("gone.example.com", List.of("*.example.com"), "settings.url"))
                .isInstanceOf(ActionFailed.class).hasMessageContaining("cannot resolve");
    }

    @Test
    void refusesMalformedHosts() {
        assertThat(refusal("1.2.3.999", List.of("1.2.3.999")).getMessage()).contains("valid IPv4");
        assertThat(refusal("[fe80::1%eth0]", List.of("[fe80::1%eth0]")).getMessage()).contains("IPv6");
        assertThat(refusal(null, List.of("*.example.com")).getMessage()).contains("no host");
    }
}
