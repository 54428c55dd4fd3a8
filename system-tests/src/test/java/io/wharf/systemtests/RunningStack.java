package io.wharf.systemtests;

import io.wharf.launcher.PortPlan;
import io.wharf.launcher.Stack;
import io.wharf.launcher.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the whole stack once per test JVM, exactly as {@code ./wharf up} does (the launcher's
 * {@link Stack}: Mongo wire server, KRaft broker, every service and the gateway as processes), on a
 * free port range and a fresh data directory, and stops it when the suite ends. Test classes get it
 * as a parameter.
 */
public final class RunningStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("stack", key -> new Holder(startStack()), Holder.class).stack;
    }

    private static Stack startStack() {
        try {
            Path dataDir = Files.createTempDirectory("wharf-system-test");
            return Stack.start(StackConfig.builder()
                    .dataDir(dataDir)
                    .basePort(PortPlan.freeBase())
                    // Two identity replicas, as `./wharf up --scale identity=2` runs them: the suite
                    // shows they share one state and that the gateway spreads requests over both.
                    .replicas("identity-service", 2)
                    .healthTimeout(Duration.ofMinutes(4))
                    .output(line -> System.out.println("[stack] " + line))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed by JUnit when the root context (the whole suite) ends. */
    private record Holder(Stack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.stop();
        }
    }
}
