package io.wharf.launcher;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceWiringTest {

    private static final String SECRET = "s".repeat(64);
    private final ServiceWiring.Infra infra =
            new ServiceWiring.Infra("mongodb://127.0.0.1:27017", "127.0.0.1:9092", SECRET, true);

    @Test
    void servicesGetPortMongoKafkaOnTheCommandLine() {
        assertThat(ServiceWiring.serviceArgs(Services.IDENTITY, 8081, 9090, infra)).contains(
                "--server.port=8081",
                "--spring.data.mongodb.uri=mongodb://127.0.0.1:27017",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9092",
                "--wharf.security.allow-private-targets=true");
    }

    @Test
    void onlyNodeServiceGetsAGrpcPort() {
        assertThat(ServiceWiring.serviceArgs(Services.NODE, 8184, 9190, infra)).contains("--wharf.node.grpc-port=9190");
        assertThat(ServiceWiring.serviceArgs(Services.PROJECT, 8082, 9090, infra)).noneMatch(a -> a.contains("grpc"));
    }

    @Test
    void theSecretNeverGoesOnACommandLine() {
        Map<String, List<String>> urls = Map.of(Services.IDENTITY, List.of("http://127.0.0.1:8081"));
        assertThat(ServiceWiring.serviceArgs(Services.IDENTITY, 8081, 9090, infra)).noneMatch(a -> a.contains(SECRET));
        assertThat(ServiceWiring.gatewayArgs(8080, urls, infra)).noneMatch(a -> a.contains(SECRET));
        assertThat(infra.toString()).doesNotContain(SECRET);
    }

    @Test
    void theSecretReachesSpringThroughTheEnvironment() {
        Map<String, String> env = ServiceWiring.environment(8081, infra);
        assertThat(env).containsEntry("WHARF_INTERNAL_SECRET", SECRET)
                .containsEntry("AXONIQ_UPDATE_CHECKER_DISABLED", "true")
                .containsEntry("SPRING_APPLICATION_JSON", "{\"wharf.security.internal-secret\":\"" + SECRET + "\"}");
    }

    @Test
    void identityLinksPointAtTheGatewayUnlessThePublicUrlIsSet() {
        assertThat(ServiceWiring.identityEnvironment(9000, Map.of()))
                .isEqualTo(Map.of("WHARF_PUBLIC_URL", "http://localhost:9000"));
        assertThat(ServiceWiring.identityEnvironment(9000, Map.of("WHARF_PUBLIC_URL", "https://wharf.example.com")))
                .isEmpty();
    }

    @Test
    void gatewayGetsEveryServiceUrlAndAllReplicasOfAScaledOne() {
        Map<String, List<String>> urls = new LinkedHashMap<>();
        urls.put(Services.IDENTITY, List.of("http://127.0.0.1:8081", "http://127.0.0.1:8181"));
        urls.put(Services.PROJECT, List.of("http://127.0.0.1:8082"));
        assertThat(ServiceWiring.gatewayArgs(8080, urls, infra)).contains(
                "--server.port=8080",
                "--wharf.gateway.services.identity-service=http://127.0.0.1:8081",
                "--wharf.gateway.service-replicas.identity-service=http://127.0.0.1:8081,http://127.0.0.1:8181",
                "--wharf.gateway.services.project-service=http://127.0.0.1:8082",
                "--wharf.gateway.jwks-uri=http://127.0.0.1:8081/api/auth/jwks")
                .noneMatch(a -> a.startsWith("--wharf.gateway.service-replicas.project-service"));
    }

    @Test
    void everyServiceButIdentityLearnsIdentitysUrl() {
        Map<String, List<String>> urls = new LinkedHashMap<>();
        urls.put(Services.IDENTITY, List.of("http://127.0.0.1:8081", "http://127.0.0.1:8181"));
        urls.put(Services.PROJECT, List.of("http://127.0.0.1:8082"));
        for (String service : List.of(Services.PROJECT, Services.NODE, Services.DEPLOYMENT, Services.NOTIFICATION)) {
            assertThat(ServiceWiring.identityArgs(service, urls)).containsExactly(
                    "--wharf.identity.url=http://127.0.0.1:8081");
        }
        assertThat(ServiceWiring.identityArgs(Services.IDENTITY, urls)).isEmpty();
        assertThat(ServiceWiring.identityArgs(Services.PROJECT, Map.of(Services.PROJECT, List.of("http://x")))).isEmpty();
    }

    @Test
    void nodeServiceLearnsThePublicUrlAndTheAgentJarAndTheLocalAgentItsServer() {
        assertThat(ServiceWiring.nodeArgs("http://localhost:8080", java.nio.file.Path.of("/repo/agent/target/agent-0.1.0-all.jar")))
                .containsExactly("--wharf.node.public-url=http://localhost:8080",
                        "--wharf.node.agent-jar=/repo/agent/target/agent-0.1.0-all.jar");
        assertThat(ServiceWiring.nodeArgs("http://localhost:8080", null)).containsExactly(
                "--wharf.node.public-url=http://localhost:8080");
        assertThat(ServiceWiring.agentEnvironment(9090, "wit.x", java.nio.file.Path.of("/data/agent")))
                .containsEntry("WHARF_SERVER", "127.0.0.1:9090").containsEntry("WHARF_TOKEN", "wit.x")
                .containsEntry("WHARF_DATA_DIR", "/data/agent");
    }

    @Test
    void theLocalAgentGetsTheVariablesInstallTokenEvenWithAStoredNodeToken(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path agentData) throws Exception {
        assertThat(ServiceWiring.localAgentToken(agentData, null)).as("no credential at all").isEmpty();
        assertThat(ServiceWiring.localAgentToken(agentData, " wit.new ")).contains("wit.new");
        java.nio.file.Files.writeString(agentData.resolve("node-token"), "wnt.old");
        // a reinstall (revoke, new script): the agent must see the new install token to exchange it
        assertThat(ServiceWiring.localAgentToken(agentData, "wit.new")).contains("wit.new");
        assertThat(ServiceWiring.localAgentToken(agentData, null)).as("the stored node token alone").contains("");
    }
}
