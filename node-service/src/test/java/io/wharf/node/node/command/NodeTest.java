package io.wharf.node.node.command;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.ValidationException;
import io.wharf.common.events.node.AgentConnectedEvent;
import io.wharf.common.events.node.AgentDisconnectedEvent;
import io.wharf.common.events.node.AgentKickedEvent;
import io.wharf.common.events.node.AgentUpdateAbortedEvent;
import io.wharf.common.events.node.AgentUpdateRequestedEvent;
import io.wharf.common.events.node.ContainerCommandRecordedEvent;
import io.wharf.common.events.node.NodeCreatedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.common.events.node.NodeEditedEvent;
import io.wharf.common.events.node.NodeTokenRevokedEvent;
import io.wharf.node.node.api.AbortAgentUpdateCommand;
import io.wharf.node.node.api.AgentConnectionRefusedEvent;
import io.wharf.node.node.api.AgentCheck;
import io.wharf.node.node.api.CheckAgentCommand;
import io.wharf.node.node.api.AgentCheckResult;
import io.wharf.node.node.api.RecordAgentRefusalCommand;
import io.wharf.node.node.api.ConnectAgentCommand;
import io.wharf.node.node.api.ConnectOutcome;
import io.wharf.node.node.api.CreateNodeCommand;
import io.wharf.node.node.api.DeleteNodeCommand;
import io.wharf.node.node.api.DiscardInstallScriptCommand;
import io.wharf.node.node.api.DisconnectAgentCommand;
import io.wharf.node.node.api.EditNodeCommand;
import io.wharf.node.node.api.GenerateInstallScriptCommand;
import io.wharf.node.node.api.InstallScriptDiscardedEvent;
import io.wharf.node.node.api.InstallScriptGeneratedEvent;
import io.wharf.node.node.api.MarkNodeUsageCommand;
import io.wharf.node.node.api.NodeTokenIssuedEvent;
import io.wharf.node.node.api.NodeType;
import io.wharf.node.node.api.NodeUsageChangedEvent;
import io.wharf.node.node.api.RecordContainerCommandCommand;
import io.wharf.node.node.api.RequestAgentUpdateCommand;
import io.wharf.node.node.api.RevokeNodeTokenCommand;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One given/when/then per rule of the Node aggregate (SPEC §4). */
class NodeTest {

    static final String NODE = "0b6f0a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String TEAM = "team-1";
    static final String OTHER_TEAM = "team-2";
    static final String ADA = "ada";
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant EXPIRE = T.plus(Duration.ofMinutes(10));

    private AggregateTestFixture<Node> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Node.class);
    }

    private static NodeCreatedEvent created() {
        return new NodeCreatedEvent(NODE, TEAM, "edge-1", "the edge", "cloud", ADA, T);
    }

    private static InstallScriptGeneratedEvent scriptGenerated() {
        return new InstallScriptGeneratedEvent(NODE, TEAM, NodeType.DOCKER, "install-hash", EXPIRE, ADA, T);
    }

    private static ConnectAgentCommand connect(String connection, String hash, boolean install, Instant at) {
        return new ConnectAgentCommand(NODE, connection, hash, install, install ? "node-hash" : null, "0.1.0", false,
                "PEM", "10.0.0.7", "replica-a", null, at);
    }

    private static AgentConnectedEvent connected(String connection, Instant at) {
        return new AgentConnectedEvent(NODE, TEAM, connection, "0.1.0", false, "PEM", "10.0.0.7", "replica-a", at);
    }

    @Test
    void createsANodeWithATrimmedName() {
        fixture.givenNoPriorActivity()
                .when(new CreateNodeCommand(NODE, TEAM, "  edge-1 ", "the edge", "cloud", ADA, T))
                .expectEvents(created());
    }

    @Test
    void refusesBlankLongOrControlCharacterNames() {
        fixture.givenNoPriorActivity().when(new CreateNodeCommand(NODE, TEAM, "  ", null, null, ADA, T))
                .expectException(ValidationException.class);
        fixture.givenNoPriorActivity().when(new CreateNodeCommand(NODE, TEAM, "x".repeat(71), null, null, ADA, T))
                .expectException(ValidationException.class);
        fixture.givenNoPriorActivity().when(new CreateNodeCommand(NODE, TEAM, "a\nb", null, null, ADA, T))
                .expectException(ValidationException.class);
    }

    @Test
    void editsTheDetails() {
        fixture.given(created()).when(new EditNodeCommand(NODE, TEAM, "edge-2", null, null, ADA, T))
                .expectEvents(new NodeEditedEvent(NODE, TEAM, "edge-2", null, null, ADA, T));
    }

    @Test
    void answersNotFoundForAnotherTeamsNode() {
        fixture.given(created()).when(new EditNodeCommand(NODE, OTHER_TEAM, "edge-2", null, null, ADA, T))
                .expectException(NotFoundException.class);
        fixture.given(created()).when(new DeleteNodeCommand(NODE, OTHER_TEAM, ADA, T, false))
                .expectException(NotFoundException.class);
        fixture.given(created()).when(new RevokeNodeTokenCommand(NODE, OTHER_TEAM, ADA, T))
                .expectException(NotFoundException.class);
    }

    @Test
    void cannotDeleteANodeInUseUnlessItsTeamIsDeleted() {
        fixture.given(created(), new NodeUsageChangedEvent(NODE, true))
                .when(new DeleteNodeCommand(NODE, TEAM, ADA, T, false))
                .expectException(PreconditionFailedException.class);
        fixture.given(created(), new NodeUsageChangedEvent(NODE, true))
                .when(new DeleteNodeCommand(NODE, TEAM, null, T, true))
                .expectEvents(new NodeDeletedEvent(NODE, TEAM, null, T));
    }

    @Test
    void deletingAConnectedNodeKicksItsAgent() {
        fixture.given(created(), scriptGenerated(), new NodeTokenIssuedEvent(NODE, TEAM, "node-hash", T),
                        connected("c1", T))
                .when(new DeleteNodeCommand(NODE, TEAM, ADA, T, false))
                .expectEvents(new AgentKickedEvent(NODE, TEAM, "delete-node", ADA, T),
                        new NodeDeletedEvent(NODE, TEAM, ADA, T))
                .expectMarkedDeleted();
    }

    @Test
    void everyScriptGetsTheNextSerialSoTheLaterTokenWinsInTheStore() {
        fixture.given(created(), scriptGenerated(), scriptGenerated())
                .when(new GenerateInstallScriptCommand(NODE, TEAM, NodeType.DOCKER, "h3", EXPIRE, ADA, T))
                .expectResultMessagePayload(3L);
    }

    @Test
    void theTokenIsCheckedBeforeTheConnectionAndSaysWhyItRefuses() {
        fixture.given(created(), scriptGenerated())
                .when(new CheckAgentCommand(NODE, "install-hash", true, null, "10.0.0.7", T))
                .expectNoEvents().expectResultMessagePayload(new AgentCheckResult(AgentCheck.ACCEPTED, null));
        // the token first: a wrong token is BAD_TOKEN whatever the Hello says
        fixture.given(created(), scriptGenerated())
                .when(new CheckAgentCommand(NODE, "wrong-hash", true, "Unusable public key: missing.", "10.0.0.7", T))
                .expectNoEvents()
                .expectResultMessagePayload(new AgentCheckResult(AgentCheck.BAD_TOKEN, "unknown or used install token"));
        fixture.given(created(), scriptGenerated())
                .when(new CheckAgentCommand(NODE, "install-hash", true, "Unusable public key: missing.", "10.0.0.7", T))
                .expectNoEvents()
                .expectResultMessagePayload(new AgentCheckResult(AgentCheck.REFUSED, "Unusable public key: missing."));
        fixture.given(created(), scriptGenerated())
                .when(new CheckAgentCommand(NODE, "install-hash", true, null, "10.0.0.7", EXPIRE))
                .expectNoEvents()
                .expectResultMessagePayload(new AgentCheckResult(AgentCheck.BAD_TOKEN, "expired install token"));
    }

    @Test
    void refusalsAreRecordedWithTheirCount() {
        fixture.given(created())
                .when(new RecordAgentRefusalCommand(NODE, "unknown or revoked node token", "10.0.0.7", 7, T))
                .expectEvents(new AgentConnectionRefusedEvent(NODE, TEAM, "unknown or revoked node token", "10.0.0.7", T, 7));
    }

    @Test
    void aScriptCannotBeGeneratedWhileTheAgentIsConnected() {
        fixture.given(created(), scriptGenerated(), new NodeTokenIssuedEvent(NODE, TEAM, "node-hash", T),
                        connected("c1", T))
                .when(new GenerateInstallScriptCommand(NODE, TEAM, NodeType.DOCKER, "h2", EXPIRE, ADA, T))
                .expectException(ConflictException.class);
    }

    @Test
    void theInstallTokenIsExchangedOnceForANodeToken() {
        fixture.given(created(), scriptGenerated())
                .when(connect("c1", "install-hash", true, T.plusSeconds(60)))
                .expectResultMessagePayload(ConnectOutcome.TOKEN_EXCHANGED)
                .expectEvents(new NodeTokenIssuedEvent(NODE, TEAM, "node-hash", T.plusSeconds(60)),
                        connected("c1", T.plusSeconds(60)));
        // reused after the exchange: refused and audited
        fixture.given(created(), scriptGenerated(), new NodeTokenIssuedEvent(NODE, TEAM, "node-hash", T))
                .when(connect("c2", "install-hash", true, T.plusSeconds(90)))
                .expectResultMessagePayload(ConnectOutcome.REFUSED)
                .expectEvents(new AgentConnectionRefusedEvent(NODE, TEAM, "unknown or used install token", "10.0.0.7",
                        T.plusSeconds(90), 1));
    }

    @Test
    void anExpiredOrWrongInstallTokenIsRefused() {
        fixture.given(created(), scriptGenerated())
                .when(connect("c1", "install-hash", true, EXPIRE))
                .expectResultMessagePayload(ConnectOutcome.REFUSED)
                .expectEvents(new AgentConnectionRefusedEvent(NODE, TEAM, "expired install token", "10.0.0.7", EXPIRE, 1));
        fixture.given(created(), scriptGenerated())
                .when(connect("c1", "someone-elses-hash", true, T))
                .expectResultMessagePayload(ConnectOutcome.REFUSED);
    }

    @Test
    void theNodeTokenConnectsUntilRevoked() {
        fixture.given(created(), scriptGenerated(), new NodeTokenIssuedEvent(NODE, TEAM, "node-hash", T))
                .when(connect("c2", "node-hash", false, T))
                .expectResultMessagePayload(ConnectOutcome.CONNECTED)
                .expectEvents(connected("c2", T));
        fixture.given(created(), scriptGenerated(), new NodeTokenIssuedEvent(NODE, TEAM, "node-hash", T),
                        new NodeTokenRevokedEvent(NODE, TEAM, ADA, T))
                .when(connect("c2", "node-hash", false, T))
                .expectResultMessagePayload(ConnectOutcome.REFUSED)
                .expectEvents(new AgentConnectionRefusedEvent(NODE, TEAM, "unknown or revoked node token", "10.0.0.7", T, 1));
    }

    @Test
    void revokingKicksAConnectedAgentAndNeedsAToken() {
        fixture.given(created(), scriptGenerated(), new NodeTokenIssuedEvent(NODE, TEAM, "node-hash", T),
                        connected("c1", T))
                .when(new RevokeNodeTokenCommand(NODE, TEAM, ADA, T))
                .expectEvents(new AgentKickedEvent(NODE, TEAM, "revoke-token", ADA, T),
                        new NodeTokenRevokedEvent(NODE, TEAM, ADA, T));
        fixture.given(created()).when(new RevokeNodeTokenCommand(NODE, TEAM, ADA, T))
                .expectException(NotFoundException.class);
    }

    @Test
    void aNewConnectionRecordsTheOldOneAsGone() {
        fixture.given(created(), scriptGenerated(), new NodeTokenIssuedEvent(NODE, TEAM, "node-hash", T),
                        connected("c1", T))
                .when(new ConnectAgentCommand(NODE, "c2", "node-hash", false, null, "0.1.0", false, "PEM", "10.0.0.7",
                        "replica-b", "c1", T))
                .expectEvents(new AgentDisconnectedEvent(NODE, TEAM, "c1", "lost", T),
                        new AgentConnectedEvent(NODE, TEAM, "c2", "0.1.0", false, "PEM", "10.0.0.7", "replica-b", T));
    }

    @Test
    void disconnectsOnlyTheCurrentConnection() {
        fixture.given(created(), connected("c1", T))
                .when(new DisconnectAgentCommand(NODE, "c1", "closed", T))
                .expectEvents(new AgentDisconnectedEvent(NODE, TEAM, "c1", "closed", T));
        fixture.given(created(), connected("c2", T))
                .when(new DisconnectAgentCommand(NODE, "c1", "closed", T))
                .expectNoEvents();
    }

    @Test
    void anUpdateNeedsAConnectedAgentThatIsNotUpdatingAlready() {
        fixture.given(created())
                .when(new RequestAgentUpdateCommand(NODE, TEAM, "0.1.0", false, ADA, T))
                .expectException(PreconditionFailedException.class);
        fixture.given(created(), connected("c1", T))
                .when(new RequestAgentUpdateCommand(NODE, TEAM, "0.2.0", true, ADA, T))
                .expectEvents(new AgentUpdateRequestedEvent(NODE, TEAM, "0.1.0", "0.2.0", ADA, T,
                        T.plus(Duration.ofMinutes(5))));
        fixture.given(created(), connected("c1", T),
                        new AgentUpdateRequestedEvent(NODE, TEAM, "0.1.0", "0.2.0", ADA, T, T.plus(Duration.ofMinutes(5))))
                .when(new RequestAgentUpdateCommand(NODE, TEAM, "0.2.0", true, ADA, T.plusSeconds(60)))
                .expectException(PreconditionFailedException.class);
        // after the deadline the node may be asked again
        fixture.given(created(), connected("c1", T),
                        new AgentUpdateRequestedEvent(NODE, TEAM, "0.1.0", "0.2.0", ADA, T, T.plus(Duration.ofMinutes(5))))
                .when(new RequestAgentUpdateCommand(NODE, TEAM, "0.2.0", true, ADA, T.plus(Duration.ofMinutes(6))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void discardingNeedsAPendingScript() {
        fixture.given(created(), scriptGenerated())
                .when(new DiscardInstallScriptCommand(NODE, TEAM, ADA, T))
                .expectEvents(new InstallScriptDiscardedEvent(NODE, TEAM, ADA, T));
        fixture.given(created(), scriptGenerated())
                .when(new DiscardInstallScriptCommand(NODE, TEAM, ADA, EXPIRE))
                .expectException(NotFoundException.class);
    }

    @Test
    void recordsContainerCommandsAndUsage() {
        fixture.given(created())
                .when(new RecordContainerCommandCommand(NODE, TEAM, "shop", "web", "startContainer", "ok", ADA, T))
                .expectEvents(new ContainerCommandRecordedEvent(NODE, TEAM, "shop", "web", "startContainer", "ok", ADA, T));
        fixture.given(created()).when(new MarkNodeUsageCommand(NODE, true))
                .expectEvents(new NodeUsageChangedEvent(NODE, true));
        fixture.given(created(), new NodeUsageChangedEvent(NODE, true)).when(new MarkNodeUsageCommand(NODE, true))
                .expectNoEvents();
    }

    @Test
    void anAgentThatCannotUpdateEndsUpdating() {
        AgentUpdateRequestedEvent requested = new AgentUpdateRequestedEvent(NODE, TEAM, "0.1.0", "0.2.0", ADA, T,
                T.plus(Duration.ofMinutes(5)));
        fixture.given(created(), connected("c1", T), requested)
                .when(new AbortAgentUpdateCommand(NODE, "jar agent", T.plusSeconds(1)))
                .expectEvents(new AgentUpdateAbortedEvent(NODE, TEAM, "jar agent", T.plusSeconds(1)));
        fixture.given(created(), connected("c1", T))
                .when(new AbortAgentUpdateCommand(NODE, "late", T.plusSeconds(1)))
                .expectNoEvents();
        // and it may be asked again at once
        fixture.given(created(), connected("c1", T), requested,
                        new AgentUpdateAbortedEvent(NODE, TEAM, "jar agent", T.plusSeconds(1)))
                .when(new RequestAgentUpdateCommand(NODE, TEAM, "0.2.0", true, ADA, T.plusSeconds(2)))
                .expectSuccessfulHandlerExecution();
    }
}
