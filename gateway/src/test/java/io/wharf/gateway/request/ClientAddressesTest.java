package io.wharf.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressesTest {

    private static final ClientAddresses TRUSTING_PROXIES =
            ClientAddresses.trusting(List.of("10.0.0.0/8", "192.168.1.1", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheSocketIsTheClientWhateverTheHeaderSays() {
        ClientAddresses none = ClientAddresses.trusting(List.of());
        assertThat(none.resolve(from("10.1.2.3", "203.0.113.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void aPeerThatIsNoTrustedProxyCannotForwardAnything() {
        assertThat(TRUSTING_PROXIES.resolve(from("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", "1.1.1.1, 203.0.113.9, 192.168.1.1, 10.9.9.9")))
                .isEqualTo("203.0.113.9");
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", "[2001:db8::5]:4711, 10.0.0.3"))).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", "203.0.113.9:5123"))).isEqualTo("203.0.113.9");
    }

    @Test
    void onlyTrustedHopsMeansTheLeftMostOfThem() {
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", "10.0.0.4, 10.0.0.3"))).isEqualTo("10.0.0.4");
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", null))).isEqualTo("10.0.0.2");
    }

    @Test
    void somethingThatIsNoAddressEndsTheWalkAtTheLastTrustedHop() {
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", "evil.example.com, 10.0.0.3"))).isEqualTo("10.0.0.3");
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", "unknown"))).isEqualTo("10.0.0.2");
        assertThat(TRUSTING_PROXIES.resolve(from("10.0.0.2", "999.1.1.1"))).isEqualTo("10.0.0.2");
    }

    @Test
    void blocksMatchByPrefix() {
        assertThat(ClientAddresses.Block.parse("10.0.0.0/8").contains(ClientAddresses.literal("10.255.1.1"))).isTrue();
        assertThat(ClientAddresses.Block.parse("10.0.0.0/8").contains(ClientAddresses.literal("11.0.0.1"))).isFalse();
        assertThat(ClientAddresses.Block.parse("172.16.0.0/12").contains(ClientAddresses.literal("172.31.255.255"))).isTrue();
        assertThat(ClientAddresses.Block.parse("172.16.0.0/12").contains(ClientAddresses.literal("172.32.0.0"))).isFalse();
        assertThat(ClientAddresses.Block.parse("fd00::/8").contains(ClientAddresses.literal("fd12::1"))).isTrue();
        assertThat(ClientAddresses.Block.parse("fd00::/8").contains(ClientAddresses.literal("10.0.0.1"))).isFalse();
        assertThat(ClientAddresses.Block.parse("0.0.0.0/0").contains(ClientAddresses.literal("8.8.8.8"))).isTrue();
    }

    @Test
    void aBadSettingFailsTheStart() {
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("proxy.internal")))
                .hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("10.0.0.0/33")))
                .hasMessageContaining("trusted-proxies");
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64AndIpv4ByTheAddress() {
        ClientAddresses none = ClientAddresses.trusting(List.of());
        String a = none.budgetKey(exchange("2001:db8:1:2:aaaa::1", null));
        String b = none.budgetKey(exchange("2001:db8:1:2:ffff:ffff:ffff:ffff", null));
        String otherNetwork = none.budgetKey(exchange("2001:db8:1:3::1", null));

        assertThat(a).isEqualTo("2001:db8:1:2:0:0:0:0/64").isEqualTo(b);
        assertThat(otherNetwork).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(none.budgetKey(exchange("203.0.113.9", null))).isEqualTo("203.0.113.9");
        assertThat(none.budgetKey(exchange("203.0.113.10", null))).isEqualTo("203.0.113.10");
        // An IPv4 client on a dual-stack socket, a forwarded IPv6 client, a zone, nothing known.
        assertThat(ClientAddresses.budgetKey("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(TRUSTING_PROXIES.budgetKey(exchange("10.0.0.2", "[2001:db8:9:9:1::5]:4711")))
                .isEqualTo("2001:db8:9:9:0:0:0:0/64");
        assertThat(ClientAddresses.budgetKey("fe80:0:0:0:1:2:3:4%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
        assertThat(ClientAddresses.budgetKey("unknown")).isEqualTo("unknown");
    }

    private static MockServerWebExchange exchange(String peer, String forwardedFor) {
        return MockServerWebExchange.from(from(peer, forwardedFor));
    }

    private static MockServerHttpRequest from(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/auth/jwks")
                .remoteAddress(new InetSocketAddress(ClientAddresses.literal(peer), 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }
}
