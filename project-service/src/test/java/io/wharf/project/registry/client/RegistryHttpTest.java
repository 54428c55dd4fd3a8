package io.wharf.project.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Registry addresses to URIs: https unless given or loopback (Docker's default), API paths kept. */
class RegistryHttpTest {

    @Test
    void baseUrisOfRegistryAddresses() {
        assertThat(RegistryHttp.base("127.0.0.1:5000")).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(RegistryHttp.base("localhost:5000/some/path")).isEqualTo(URI.create("http://localhost:5000"));
        assertThat(RegistryHttp.base("registry.example.com")).isEqualTo(URI.create("https://registry.example.com"));
        assertThat(RegistryHttp.base("http://registry.example.com:8080/x")).isEqualTo(URI.create("http://registry.example.com:8080"));
        assertThat(RegistryHttp.base("gcr.io")).isEqualTo(URI.create("https://gcr.io"));
    }

    @Test
    void apiUrisKeepTheirPath() {
        assertThat(RegistryHttp.api("gitlab.example.com/gitlab/")).isEqualTo(URI.create("https://gitlab.example.com/gitlab"));
        assertThat(RegistryHttp.api("https://api.github.com")).isEqualTo(URI.create("https://api.github.com"));
        assertThat(RegistryHttp.api("127.0.0.1:8929")).isEqualTo(URI.create("http://127.0.0.1:8929"));
    }

    /**
     * Publishing tells "there but no answer in time" (503) from "not there at all" (the tag stays):
     * a server that accepts and never answers times out; a closed port is unreachable, not timed out.
     */
    @Test
    void aTimeoutIsToldFromAnAbsentRegistry() throws Exception {
        RegistryHttp http = new RegistryHttp(java.time.Duration.ofMillis(500),
                io.wharf.project.registry.support.AddressPolicy.allowingPrivate(true));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer hanging = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hanging.createContext("/", x -> {
            try (x) {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hanging.start();
        try {
            URI target = URI.create("http://127.0.0.1:" + hanging.getAddress().getPort() + "/v2/");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(java.net.http.HttpRequest.newBuilder(),
                    target, "details.url")).isInstanceOfSatisfying(RegistryCallException.class, e -> {
                        assertThat(e.timedOut()).isTrue();
                        assertThat(e.unreachable()).isTrue();
                    });
        } finally {
            release.countDown();
            hanging.stop(0);
        }
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(java.net.http.HttpRequest.newBuilder(),
                URI.create("http://127.0.0.1:" + closed + "/v2/"), "details.url"))
                .isInstanceOfSatisfying(RegistryCallException.class, e -> {
                    assertThat(e.timedOut()).isFalse();
                    assertThat(e.unreachable()).isTrue();
                });
    }
}
