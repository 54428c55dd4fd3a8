package io.wharf.node.agent;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Takes the agent token and the peer address of a call into the gRPC context (never logged). */
final class AgentCredentials implements ServerInterceptor {

    static final Metadata.Key<String> TOKEN = Metadata.Key.of("wharf-agent-token", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> FORWARDED_FOR = Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> TOKEN_KEY = Context.key("wharf-agent-token");
    static final Context.Key<String> ADDRESS_KEY = Context.key("wharf-agent-address");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String forwarded = headers.get(FORWARDED_FOR);
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String address = forwarded != null ? forwarded.split(",")[0].trim()
                : peer instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(peer);
        Context context = Context.current().withValue(TOKEN_KEY, headers.get(TOKEN)).withValue(ADDRESS_KEY, address);
        return Contexts.interceptCall(context, call, headers, next);
    }
}
