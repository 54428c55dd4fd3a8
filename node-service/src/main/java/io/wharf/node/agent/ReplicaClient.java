package io.wharf.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.agent.protocol.v1.Close;
import io.wharf.agent.protocol.v1.Command;
import io.wharf.agent.protocol.v1.CommandResult;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ServiceUnavailableException;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands a command to the replica that holds the node's agent (DESIGN §5, per-replica route table)
 * over its internal HTTP endpoint ({@link ReplicaController}), authenticated like any internal call
 * with a short-lived assertion signed with the shared internal secret. Never goes through the gateway.
 */
@Component
class ReplicaClient {

    static final String REPLICA_CREDENTIAL = "replica";
    private static final Logger log = LoggerFactory.getLogger(ReplicaClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final InternalAssertion assertion;

    ReplicaClient(InternalAssertion assertion) {
        this.assertion = assertion;
    }

    private HttpRequest.Builder request(String url, Duration timeout) {
        WharfPrincipal system = new WharfPrincipal(null, null, REPLICA_CREDENTIAL, UUID.randomUUID().toString(), null,
                ActorType.SYSTEM);
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header(InternalAssertion.HEADER, assertion.sign(system, "req_replica_" + UUID.randomUUID()));
    }

    CommandResult send(String replicaUrl, String nodeId, Command.Builder command, Duration timeout) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request(replicaUrl + "/internal/agents/" + nodeId + "/commands",
                    timeout.plusSeconds(2)).header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(command.build().toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("The node's replica did not answer.", 5);
        } catch (Exception e) {
            log.warn("Replica {} holding node {} unreachable: {}", replicaUrl, nodeId, e.toString());
            throw new ServiceUnavailableException("The node's replica did not answer.", 5);
        }
        if (response.statusCode() == 200) {
            try {
                return CommandResult.parseFrom(response.body());
            } catch (Exception e) {
                throw new ServiceUnavailableException("The node's replica answered garbage.", 5);
            }
        }
        String message = message(response.body());
        if (response.statusCode() == 412 || response.statusCode() == 404) {
            throw new PreconditionFailedException(response.statusCode() == 404 ? "Node is unreachable." : message,
                    "nodeId", null);
        }
        throw new ServiceUnavailableException(message, 5);
    }

    void kick(String replicaUrl, String nodeId, Close.Reason reason) {
        try {
            http.send(request(replicaUrl + "/internal/agents/" + nodeId + "/kick?reason=" + reason.name(),
                    Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not ask replica {} to close node {}: {}", replicaUrl, nodeId, e.toString());
        }
    }

    private static String message(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("message").asText("The agent did not answer.");
        } catch (Exception e) {
            return "The agent did not answer.";
        }
    }
}
