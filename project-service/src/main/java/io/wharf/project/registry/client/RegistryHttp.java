package io.wharf.project.registry.client;

import io.wharf.project.registry.support.AddressPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The one way registry clients call out: bounded by {@code timeout}, never following redirects
 * blindly, and every target checked by the {@link AddressPolicy} (DESIGN §6) before it is called.
 */
public final class RegistryHttp {

    private final HttpClient http;
    private final Duration timeout;
    private final AddressPolicy policy;

    public RegistryHttp(Duration timeout, AddressPolicy policy) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.policy = policy;
    }

    HttpResponse<String> send(HttpRequest.Builder request, URI target, String field) {
        policy.check(target, field);
        try {
            return http.send(request.uri(target).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new RegistryCallException("The registry is not reachable (no answer in time).", 0, true);
        } catch (IOException e) {
            throw new RegistryCallException("The registry is not reachable.", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryCallException("Interrupted.", 0);
        }
    }

    /**
     * The base URI of a registry address: as given when it has a scheme; otherwise https, except
     * loopback hosts, which Docker also talks to over plain http by default.
     */
    public static URI base(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = URI.create(address);
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        }
        String authority = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        String host = authority.startsWith("[") ? authority.substring(0, authority.indexOf(']') + 1)
                : authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        return URI.create((loopback ? "http://" : "https://") + authority);
    }

    /** An API address with its path (GitLab's {@code apiUrl}, the configured API bases). */
    public static URI api(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        String full = address;
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            int slash = address.indexOf('/');
            full = base(address) + (slash < 0 ? "" : address.substring(slash));
        }
        return URI.create(full.endsWith("/") ? full.substring(0, full.length() - 1) : full);
    }
}
