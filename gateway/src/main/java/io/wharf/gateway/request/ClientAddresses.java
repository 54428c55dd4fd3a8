package io.wharf.gateway.request;

import io.wharf.gateway.config.GatewayProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address of the client behind a request, for what is keyed by it (the anonymous rate-limit
 * budget). By default the socket's peer. With {@code wharf.gateway.trusted-proxies} set and the peer
 * one of them, {@code X-Forwarded-For} is read from the right: each trusted hop appended the address
 * it saw, so the right-most address that is <em>not</em> a trusted proxy is the client. Everything to
 * its left was written by the client itself and is ignored (it could be anything). A peer that is not
 * trusted makes the header meaningless: anyone can send one.
 *
 * <p>Budgets are keyed by {@link #budgetKey}: an IPv4 address as it is, an IPv6 address by its
 * {@code /64}. One IPv6 subscriber usually holds a whole {@code /64} (often more) and can rotate
 * through its 2^64 addresses at will, so keying by {@code /128} would give it a fresh anonymous and
 * failure budget per request.
 *
 * <p>Only IP literals are accepted, never host names (no DNS lookups on request data). An entry that
 * is not an IP address ends the walk at the last trusted hop.
 */
@Component
public class ClientAddresses {

    private static final String ATTRIBUTE = ClientAddresses.class.getName();
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final List<Block> trusted;

    @Autowired
    public ClientAddresses(GatewayProperties properties) {
        this.trusted = parse(properties.trustedProxies());
    }

    private ClientAddresses(List<Block> trusted) {
        this.trusted = trusted;
    }

    /** For tests without a context. */
    static ClientAddresses trusting(List<String> trustedProxies) {
        return new ClientAddresses(parse(trustedProxies));
    }

    private static List<Block> parse(List<String> trustedProxies) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : trustedProxies) {
            blocks.add(Block.parse(entry));
        }
        return List.copyOf(blocks);
    }

    /** The client's address as text ({@code unknown} if the socket has none); cached per exchange. */
    public String of(ServerWebExchange exchange) {
        String cached = exchange.getAttribute(ATTRIBUTE);
        if (cached == null) {
            cached = resolve(exchange.getRequest());
            exchange.getAttributes().put(ATTRIBUTE, cached);
        }
        return cached;
    }

    /**
     * What anonymous and failed-authentication budgets are keyed by: the IPv4 address, or the IPv6
     * address's {@code /64} network ({@code 2001:db8:1:2::/64}); cached per exchange.
     */
    public String budgetKey(ServerWebExchange exchange) {
        return budgetKey(of(exchange));
    }

    /** {@link #budgetKey(ServerWebExchange)} of an address as {@link #of} returns it. */
    static String budgetKey(String address) {
        // A link-local peer may carry a zone (fe80::1%eth0); the network part is what matters.
        InetAddress parsed = address.contains(":") ? literal(address.split("%", 2)[0]) : null;
        if (parsed == null) {
            return address; // IPv4, or unknown
        }
        if (!(parsed instanceof Inet6Address)) {
            return parsed.getHostAddress(); // an IPv4-mapped IPv6 address: the IPv4 client it is
        }
        byte[] bytes = parsed.getAddress();
        for (int i = 8; i < 16; i++) {
            bytes[i] = 0;
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
    }

    String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        InetAddress client = remote.getAddress();
        if (trusted.isEmpty() || !isTrusted(client)) {
            return client.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(block -> block.contains(address));
    }

    /**
     * An IPv4 or IPv6 literal as proxies write them ({@code 203.0.113.7}, {@code 203.0.113.7:5123},
     * {@code 2001:db8::1}, {@code [2001:db8::1]:5123}), else null. Never resolves a name.
     */
    static InetAddress literal(String text) {
        String value = text.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end < 0 ? "" : value.substring(1, end);
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            value = value.substring(0, value.indexOf(':')); // IPv4 with a port
        }
        if (value.isEmpty()) {
            return null;
        }
        if (value.contains(":")) {
            if (!value.matches("[0-9A-Fa-f:.]+")) {
                return null; // no zone ids, nothing a resolver would look up
            }
        } else {
            var m = IPV4.matcher(value);
            if (!m.matches()) {
                return null;
            }
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(m.group(g)) > 255) {
                    return null;
                }
            }
        }
        try {
            // A literal: getByName parses it without any lookup.
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 127.0.0.1}). */
    record Block(byte[] network, int prefix) {

        static Block parse(String text) {
            String[] parts = text.trim().split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("wharf.gateway.trusted-proxies: not an IP address or CIDR block: " + text);
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("wharf.gateway.trusted-proxies: bad prefix length in " + text);
                }
            }
            return new Block(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
