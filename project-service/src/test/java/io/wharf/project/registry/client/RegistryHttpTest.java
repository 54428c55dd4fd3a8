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
}
