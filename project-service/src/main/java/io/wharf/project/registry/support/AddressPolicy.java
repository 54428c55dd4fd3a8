package io.wharf.project.registry.support;

import io.wharf.common.error.ValidationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * DESIGN §6: registry and API addresses given by users are refused when they point into loopback,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), carrier-grade
 * NAT (100.64/10), unspecified or multicast ranges, unless {@code wharf.project.registry.allow-private-addresses}.
 * Every address a name resolves to must be public. A name that does not resolve is let through
 * (the live check, when on, fails on it anyway; with the check off, the nodes may resolve names this
 * service cannot). The same rule applies again to every outbound call (token realms included), so a
 * registry stored while the rule was off is not called while it is on.
 */
@Component
public class AddressPolicy {

    private final boolean allowPrivate;

    @Autowired
    public AddressPolicy(RegistryProperties properties) {
        this(properties.allowPrivateAddresses());
    }

    AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public static AddressPolicy allowingPrivate(boolean allowPrivate) {
        return new AddressPolicy(allowPrivate);
    }

    /** @throws ValidationException (with {@code field}) when the host of {@code uri} is not public */
    public void check(URI uri, String field) {
        if (allowPrivate || uri == null || uri.getHost() == null) {
            return;
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if ("localhost".equalsIgnoreCase(host) || host.toLowerCase().endsWith(".localhost")) {
            throw refused(field);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw refused(field);
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return !(first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240);
    }

    private static ValidationException refused(String field) {
        return new ValidationException("The address is in a private or local range.", field,
                "Use a public address, or allow private addresses (wharf.project.registry.allow-private-addresses).");
    }
}
