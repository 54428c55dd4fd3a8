package io.wharf.common.web.testapp;

import io.wharf.common.metadata.IdempotentIds;
import java.net.URI;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Creates a ticket the way a service controller should: the id from IdempotentIds. */
@RestController
class TicketController {

    private final CommandGateway commands;

    TicketController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/tickets")
    ResponseEntity<Map<String, Object>> open(@RequestBody Map<String, String> request) {
        String ticketId = IdempotentIds.newId();
        String created = commands.sendAndWait(new Ticket.OpenTicketCommand(ticketId, request.get("title")));
        return ResponseEntity.created(URI.create("/tickets/" + created)).body(Map.of("id", created));
    }
}
