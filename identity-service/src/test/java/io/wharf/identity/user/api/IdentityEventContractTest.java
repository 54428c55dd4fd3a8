package io.wharf.identity.user.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wharf.common.events.Internal;
import java.io.InputStream;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/**
 * Stored events must stay readable: each revision's JSON is a committed fixture, read and written
 * back. A failing test here means an upcaster is needed, not a new fixture.
 */
class IdentityEventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String USER = "7b0c1f7e-2f7a-4e39-9a53-0d1c2b7f0a11";

    private static JsonNode fixture(String name) throws Exception {
        try (InputStream in = IdentityEventContractTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void userLoggedInEventRevision1() throws Exception {
        UserLoggedInEvent event = new UserLoggedInEvent(USER, "3f9a2c1e-6a0b-4c1d-8e2f-5b7d9c0a1e23",
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T22:00:00Z"));
        JsonNode fixture = fixture("UserLoggedInEvent.v1.json");
        assertThat(JSON.treeToValue(fixture, UserLoggedInEvent.class)).isEqualTo(event);
        assertThat((JsonNode) JSON.valueToTree(event)).isEqualTo(fixture);
        assertThat(UserLoggedInEvent.class.getAnnotation(Revision.class).value()).isEqualTo("1");
    }

    @Test
    void userPasswordSetEventRevision1StaysInternal() throws Exception {
        JsonNode fixture = fixture("UserPasswordSetEvent.v1.json");
        UserPasswordSetEvent event = JSON.treeToValue(fixture, UserPasswordSetEvent.class);
        assertThat((JsonNode) JSON.valueToTree(event)).isEqualTo(fixture);
        assertThat(UserPasswordSetEvent.class.getAnnotation(Revision.class).value()).isEqualTo("1");
        assertThat(UserPasswordSetEvent.class.isAnnotationPresent(Internal.class)).isTrue();
        assertThat(event.toString()).doesNotContain(event.passwordHash());
    }
}
