package io.wharf.agent;

/**
 * Entry point of the Wharf node agent. The gRPC connection and the Docker runtime arrive with the
 * nodes issue; until then the agent only reports its version so packaging can be wired end to end.
 */
public final class AgentApplication {

    static final String VERSION = "0.1.0";

    private AgentApplication() {
    }

    public static void main(String[] args) {
        System.out.println("wharf-agent " + VERSION);
    }
}
