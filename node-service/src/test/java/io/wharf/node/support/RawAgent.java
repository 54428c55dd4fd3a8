package io.wharf.node.support;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.wharf.agent.protocol.v1.AgentMessage;
import io.wharf.agent.protocol.v1.AgentServiceGrpc;
import io.wharf.agent.protocol.v1.CommandResult;
import io.wharf.agent.protocol.v1.Hello;
import io.wharf.agent.protocol.v1.ServerMessage;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A protocol-level agent for tests of the server's rules: speaks wharf.agent.v1 by hand, records what
 * the server sends and how the call ended, and answers commands with a function (or never).
 */
public final class RawAgent implements AutoCloseable {

    private final Object lock = new Object();
    private final ManagedChannel channel;
    private final StreamObserver<AgentMessage> out;
    public final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    public final CompletableFuture<Status> ended = new CompletableFuture<>();

    /** A real RSA-2048 public key in PEM, as the agent sends it (the server checks it). */
    public static final String PUBLIC_KEY = publicKeyPem(2048);

    /** A PEM public key of an RSA key of {@code bits}. */
    public static String publicKeyPem(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Hello a current agent sends. */
    public static Hello hello(String version) {
        return Hello.newBuilder().setProtocolVersion("1").setAgentVersion(version).setPublicKey(PUBLIC_KEY)
                .setHostname("raw").build();
    }

    private RawAgent(String address, String token, Hello hello, Map<String, String> extraHeaders,
                     Function<ServerMessage, CommandResult> answers) {
        channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("wharf-agent-token", Metadata.ASCII_STRING_MARSHALLER), token);
        }
        extraHeaders.forEach((name, value) -> headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        StreamObserver<AgentMessage>[] self = new StreamObserver[1];
        out = AgentServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .connect(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerMessage message) {
                        received.add(message);
                        if (message.hasCommand() && answers != null) {
                            CommandResult result = answers.apply(message);
                            if (result != null) {
                                synchronized (lock) {
                                    self[0].onNext(AgentMessage.newBuilder().setResult(result).build());
                                }
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.OK);
                    }
                });
        self[0] = out;
        if (hello != null) {
            synchronized (lock) {
                out.onNext(AgentMessage.newBuilder().setHello(hello).build());
            }
        }
    }

    /** Opens the stream and says nothing (a client that never sends Hello). */
    public static RawAgent connectWithoutHello(String address, String token, Map<String, String> headers) {
        return new RawAgent(address, token, null, headers, null);
    }

    public static RawAgent connect(String address, String token, String version,
                                   Function<ServerMessage, CommandResult> answers) {
        return new RawAgent(address, token, hello(version), Map.of(), answers);
    }

    public static RawAgent connect(String address, String token) {
        return new RawAgent(address, token, hello("0.1.0"), Map.of(), null);
    }

    /** With a Hello of the test's choice and extra call headers (x-forwarded-for, ...). */
    public static RawAgent connect(String address, String token, Hello hello, Map<String, String> headers,
                                   Function<ServerMessage, CommandResult> answers) {
        return new RawAgent(address, token, hello, headers, answers);
    }

    /** Sends a message on the stream (a result, a heartbeat). */
    public void send(AgentMessage message) {
        synchronized (lock) {
            out.onNext(message);
        }
    }

    /** Breaks the connection without a goodbye (a crashed agent, a cut network). */
    public void cut() {
        channel.shutdownNow();
    }

    /** The next message of the server (fails after 10 s). */
    public ServerMessage next() throws InterruptedException {
        ServerMessage message = received.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("the server sent nothing for 10 s");
        }
        return message;
    }

    /** How the call ended (fails after 10 s). */
    public Status end() throws Exception {
        return ended.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            out.onCompleted();
            ended.get(5, TimeUnit.SECONDS); // a graceful close: the server ends its side too
        } catch (Exception ignored) {
            // closed already, or the server did not answer
        }
        channel.shutdownNow();
    }
}
