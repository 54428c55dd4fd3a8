package io.wharf.common.web.testapp;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** The smallest event-sourced aggregate a request creates: for the Idempotency-Key tests. */
@Aggregate
public class Ticket {

    /** How many times the creating handler ran in this JVM. */
    public static final AtomicInteger OPENED = new AtomicInteger();

    public record OpenTicketCommand(@TargetAggregateIdentifier String ticketId, String title) {
    }

    public record TicketOpenedEvent(String ticketId, String title) {
    }

    @AggregateIdentifier
    private String ticketId;

    protected Ticket() {
    }

    @CommandHandler
    public Ticket(OpenTicketCommand command) {
        OPENED.incrementAndGet();
        apply(new TicketOpenedEvent(command.ticketId(), command.title()));
    }

    @EventSourcingHandler
    void on(TicketOpenedEvent event) {
        this.ticketId = event.ticketId();
    }
}
