package io.wharf.project.registry.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.common.error.ValidationException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy strict = AddressPolicy.allowingPrivate(false);
    private final AddressPolicy open = AddressPolicy.allowingPrivate(true);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:5000", "http://localhost:5000", "https://10.1.2.3", "https://172.16.0.1",
            "https://192.168.1.1", "http://169.254.169.254", "http://[::1]:5000", "http://[fd00::1]", "http://0.0.0.0",
            "http://100.64.0.1", "http://registry.localhost"})
    void refusesPrivateAndLocalAddressesUnlessAllowed(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url), "details.url"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("details.url"));
        open.check(URI.create(url), "details.url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "140.82.112.3", "2606:4700::1111"})
    void publicAddressesPass(String address) throws Exception {
        assertThat(AddressPolicy.isPublic(InetAddress.getByName(address))).isTrue();
    }
}
