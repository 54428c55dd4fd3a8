package io.wharf.agent.connection;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.wharf.agent.docker.DockerRuntime;
import io.wharf.agent.protocol.v1.AgentMessage;
import io.wharf.agent.protocol.v1.AgentServiceGrpc;
import io.wharf.agent.protocol.v1.Close;
import io.wharf.agent.protocol.v1.Command;
import io.wharf.agent.protocol.v1.ContainerStates;
import io.wharf.agent.protocol.v1.Heartbeat;
import io.wharf.agent.protocol.v1.Hello;
import io.wharf.agent.protocol.v1.ServerMessage;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of {@code wharf.agent.v1.AgentService/Connect}: dials out with its token, says
 * Hello (version, public key), stores the node token the server hands out for an install token, runs
 * commands on the engine, re-reports its containers after every (re)connect, and reconnects with
 * exponential backoff (0.5 s doubling to {@code maxBackoff}, with jitter) whenever the stream breaks —
 * node-service restarting included. It stops for good when the server says its token is invalid or
 * revoked, or the node was deleted.
 */
public final class AgentClient implements AutoCloseable {

    public static final String PROTOCOL_VERSION = "1";
    static final Metadata.Key<String> TOKEN = Metadata.Key.of("wharf-agent-token", Metadata.ASCII_STRING_MARSHALLER);
    private static final Logger log = LoggerFactory.getLogger(AgentClient.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final AgentSettings settings;
    private final String version;
    private final TokenStore tokens;
    private final AgentKeys keys;
    private final DockerRuntime docker;
    private final CommandExecutor executor;
    private final ManagedChannel channel;
    private final ExecutorService work = Executors.newFixedThreadPool(4, daemon("wharf-agent-work"));
    /** Self-updates run here, after the acknowledgement (a pull may take minutes). */
    private final ExecutorService updates = Executors.newSingleThreadExecutor(daemon("wharf-agent-update"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("wharf-agent-timer"));
    private final AtomicInteger connections = new AtomicInteger();
    private final CompletableFuture<String> stopped = new CompletableFuture<>();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile String nodeId;
    private volatile Thread loop;
    private volatile StreamObserver<AgentMessage> current;
    private volatile Runnable onFirstWelcome = () -> { };
    private volatile String lastFailure;

    public AgentClient(AgentSettings settings, DockerRuntime docker, String version, SelfUpdater updater) {
        this.settings = settings;
        this.version = version;
        this.tokens = new TokenStore(settings.dataDir(), settings.token());
        this.keys = AgentKeys.load(settings.dataDir());
        this.docker = docker;
        this.executor = new CommandExecutor(docker, updater, updates);
        this.channel = AgentChannels.open(settings);
        log.info("Dialling {} with {}", settings.server(), settings.tls()
                ? "TLS (trusting " + (settings.tlsCa().isEmpty() ? "the JVM's trust store" : "WHARF_TLS_CA") + ")"
                : "plaintext");
    }

    public AgentClient(AgentSettings settings, DockerRuntime docker, String version) {
        this(settings, docker, version, SelfUpdater.UNSUPPORTED);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs once, after the server welcomed this agent for the first time (a successor's take-over). */
    public void onFirstWelcome(Runnable action) {
        this.onFirstWelcome = action;
    }

    /** Starts the connection loop on its own thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = new Thread(this::run, "wharf-agent-connection");
        loop.start();
    }

    public boolean connected() {
        return connected;
    }

    public String nodeId() {
        return nodeId;
    }

    /** Why the last attempt that was not welcomed failed (TLS trouble included); null before any such attempt. */
    public String lastFailure() {
        return lastFailure;
    }

    /** How many times the server welcomed this agent (reconnects count). */
    public int connections() {
        return connections.get();
    }

    /** Completes with the reason when the agent gave up for good (revoked, deleted, refused). */
    public CompletableFuture<String> stopped() {
        return stopped;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            Attempt attempt = connectOnce();
            if (attempt.fatal() != null) {
                log.warn("Agent stops: {}", attempt.fatal());
                running = false;
                stopped.complete(attempt.fatal());
                break;
            }
            if (attempt.welcomed()) {
                backoff = FIRST_BACKOFF;
            } else {
                lastFailure = attempt.why();
            }
            backoff = backoffAfter(backoff, attempt.code(), settings.maxBackoff());
            if (!running) {
                break;
            }
            long pause = backoff.toMillis() + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 4 + 1);
            if (attempt.welcomed()) {
                log.info("Connection to {} ended ({}); reconnecting in {} ms", settings.server(), attempt.why(), pause);
            } else {
                log.warn("Cannot connect to {}: {}; retrying in {} ms", settings.server(), attempt.why(), pause);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                    : backoff.multipliedBy(2);
        }
        stopped.complete("stopped");
    }

    /**
     * The pause before the next attempt: the current backoff, except after RESOURCE_EXHAUSTED (the
     * server limits refused connects per address) — then the longest one at once, so this agent does
     * not keep its address blocked.
     */
    static Duration backoffAfter(Duration current, Status.Code code, Duration max) {
        return code == Status.Code.RESOURCE_EXHAUSTED ? max : current;
    }

    private record Attempt(boolean welcomed, String fatal, String why, Status.Code code) {
    }

    private Attempt connectOnce() {
        Metadata headers = new Metadata();
        String presented = tokens.current();
        headers.put(TOKEN, presented);
        CompletableFuture<Attempt> done = new CompletableFuture<>();
        boolean[] welcomed = {false};
        Close.Reason[] closeReason = {null};
        ScheduledFuture<?>[] heartbeat = {null};
        boolean[] outdated = {false};
        StreamObserver<AgentMessage>[] toServer = new StreamObserver[1];
        toServer[0] = AgentServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .connect(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerMessage message) {
                        switch (message.getBodyCase()) {
                            case WELCOME -> {
                                var welcome = message.getWelcome();
                                if (!welcome.getNodeToken().isEmpty()) {
                                    tokens.store(welcome.getNodeToken(), presented);
                                    log.info("Install token exchanged for a node token (stored in {})", settings.dataDir());
                                }
                                nodeId = welcome.getNodeId();
                                outdated[0] = welcome.getOutdated();
                                welcomed[0] = true;
                                connected = true;
                                if (connections.incrementAndGet() == 1) {
                                    Runnable first = onFirstWelcome;
                                    work.execute(first);
                                }
                                log.info("Connected to {} as node {}{}", settings.server(), nodeId,
                                        outdated[0] ? " (outdated: only update is accepted)" : "");
                                int seconds = Math.max(1, welcome.getHeartbeatSeconds());
                                heartbeat[0] = timers.scheduleAtFixedRate(() -> send(toServer[0], AgentMessage.newBuilder()
                                        .setHeartbeat(Heartbeat.newBuilder().setSentAtMillis(System.currentTimeMillis()))
                                        .build()), seconds, seconds, TimeUnit.SECONDS);
                                work.execute(() -> reportStates(toServer[0]));
                            }
                            case COMMAND -> {
                                Command command = message.getCommand();
                                boolean old = outdated[0];
                                work.execute(() -> send(toServer[0], AgentMessage.newBuilder()
                                        .setResult(executor.execute(command, old)).build()));
                            }
                            case CLOSE -> {
                                closeReason[0] = message.getClose().getReason();
                                log.info("Server closes the connection: {} ({})", message.getClose().getReason(),
                                        message.getClose().getMessage());
                            }
                            default -> { }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        Status status = Status.fromThrowable(t);
                        String fatal = welcomed[0] ? fatalOf(closeReason[0]) : refusal(status, presented);
                        done.complete(new Attempt(welcomed[0], fatal, ConnectionFailures.explain(status, settings.tls()),
                                status.getCode()));
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(new Attempt(welcomed[0], fatalOf(closeReason[0]), "closed by the server",
                                Status.Code.OK));
                    }
                });
        current = toServer[0];
        send(toServer[0], AgentMessage.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(PROTOCOL_VERSION)
                .setAgentVersion(version).setPublicKey(keys.publicKeyPem()).setHostname(hostname())).build());
        try {
            return done.join();
        } finally {
            connected = false;
            current = null;
            if (heartbeat[0] != null) {
                heartbeat[0].cancel(false);
            }
            try {
                synchronized (toServer[0]) {
                    toServer[0].onCompleted();
                }
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
    }

    /**
     * A refusal of the connect that retrying cannot fix: a refused token (unless another credential is
     * left, see {@link TokenStore#refused}), an unsupported protocol version or an unusable public key
     * (this agent is not what the server speaks). Anything else — UNAVAILABLE included, which the server
     * answers for its own transient errors — is retried with the backoff.
     */
    private String refusal(Status status, String presented) {
        return switch (status.getCode()) {
            case UNAUTHENTICATED -> tokens.refused(presented) ? null
                    : "the server refused the token: " + status.getDescription();
            case FAILED_PRECONDITION, INVALID_ARGUMENT -> "the server refused this agent: " + status.getDescription();
            default -> null;
        };
    }

    private static String fatalOf(Close.Reason reason) {
        if (reason == Close.Reason.TOKEN_REVOKED) {
            return "the node's token was revoked";
        }
        if (reason == Close.Reason.NODE_DELETED) {
            return "the node was deleted";
        }
        if (reason == Close.Reason.REPLACED) {
            return "an updated agent took over";
        }
        return null;
    }

    private void reportStates(StreamObserver<AgentMessage> toServer) {
        try {
            send(toServer, AgentMessage.newBuilder().setStates(ContainerStates.newBuilder()
                    .addAllContainers(CommandExecutor.states(docker.managed()))).build());
        } catch (RuntimeException e) {
            log.warn("Could not report the containers: {}", e.toString());
        }
    }

    private static void send(StreamObserver<AgentMessage> toServer, AgentMessage message) {
        try {
            synchronized (toServer) {
                toServer.onNext(message);
            }
        } catch (RuntimeException e) {
            log.debug("Send failed (stream closing): {}", e.toString());
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "";
        }
    }

    /** Stops the loop and closes the connection (the server records the agent as left). */
    @Override
    public void close() {
        running = false;
        StreamObserver<AgentMessage> stream = current;
        Thread thread = loop;
        if (stream != null) {
            try {
                synchronized (stream) {
                    stream.onCompleted();
                }
                // a graceful goodbye: the server records "left (closed)" and ends its side, which ends the loop
                if (thread != null) {
                    thread.join(5000);
                }
            } catch (RuntimeException ignored) {
                // already closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        work.shutdownNow();
        updates.shutdownNow();
        timers.shutdownNow();
    }

    public Optional<String> server() {
        return Optional.of(settings.server());
    }
}
