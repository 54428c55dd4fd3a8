package io.wharf.project.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.wharf.common.events.identity.UserRegisteredEvent;
import io.wharf.common.test.InProcessMongo;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private static MongoClient client;
    private static UserDirectory directory;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(InProcessMongo.uri());
        directory = new UserDirectory(client.getDatabase(InProcessMongo.freshDatabase(UserDirectoryTest.class)));
    }

    @AfterAll
    static void close() {
        client.close();
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
