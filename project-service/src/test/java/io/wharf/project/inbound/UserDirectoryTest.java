package io.wharf.project.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.test.InProcessMongo;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private static UserDirectory directory;

    @BeforeAll
    static void directory() {
        directory = new UserDirectory(InProcessMongo.newDatabase(UserDirectoryTest.class));
    }

    @Test
    void applyingTheSameRegistrationTwiceKeepsOneEntry() {
        var event = new UserRegisteredEvent("u-1", "ada@example.com", "Ada", null, Instant.parse("2026-01-01T00:00:00Z"));

        directory.on(event);
        directory.on(event);

        assertThat(directory.size()).isEqualTo(1);
        assertThat(directory.find("u-1")).contains(
                new UserDirectoryEntry("u-1", "ada@example.com", "Ada", null, Instant.parse("2026-01-01T00:00:00Z")));
    }
}
