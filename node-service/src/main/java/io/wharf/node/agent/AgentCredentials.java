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
import java.util.Collection;
import java.util.Set;

/**
 * Takes the agent token and the agent's address of a call into the gRPC context (the token is never
 * logged). The address is the socket's peer, unless the peer is one of the configured proxies
 * ({@code wharf.node.grpc.trusted-proxies}): only then is the first {@code x-forwarded-for} entry
 * believed — anyone else could write any address into the audit with it.
 */
final class AgentCredentials implements ServerInterceptor {

    private final Set<String> trustedProxies;

    AgentCredentials(Collection<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    static final Metadata.Key<String> TOKEN = Metadata.Key.of("wharf-agent-token", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> FORWARDED_FOR = Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> TOKEN_KEY = Context.key("wharf-agent-token");
    static final Context.Key<String> ADDRESS_KEY = Context.key("wharf-agent-address");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String address = addressOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), headers.get(FORWARDED_FOR));
        Context context = Context.current().withValue(TOKEN_KEY, headers.get(TOKEN)).withValue(ADDRESS_KEY, address);
        return Contexts.interceptCall(context, call, headers, next);
    }

    String addressOf(SocketAddress peer, String forwarded) {
        String direct = peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(peer);
        if (forwarded == null || !trustedProxies.contains(direct)) {
            return direct;
        }
        String first = forwarded.split(",")[0].strip();
        return first.isEmpty() || first.length() > 100 ? direct : first.replaceAll("\\p{Cntrl}", "");
    }
}
