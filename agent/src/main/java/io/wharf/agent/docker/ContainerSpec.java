package io.wharf.agent.docker;

import java.util.List;
import java.util.Map;

/**
 * The full effective config of a container to create (the deployment issue builds it from image,
 * instance and deployment config). Null or empty fields mean the engine's default.
 *
 * @param image         repository:tag (a registry host included when not Docker Hub)
 * @param environment   KEY → value
 * @param ports         internal → external (external 0: not published)
 * @param volumes       host path or volume name → container path
 * @param networks      user-defined networks to attach (created when missing)
 * @param networkMode   bridge, host, none, or a network name
 * @param restartPolicy no, always, unless-stopped, on-failure
 * @param logDriver     null: the node default
 * @param user          user[:group] inside the container
 * @param commands      entrypoint
 * @param args          cmd
 * @param memoryBytes   hard memory limit (0: none)
 * @param nanoCpus      CPU limit in billionths of a CPU (0: none)
 * @param secretKeys    names of the secret variables, recorded in a label (never their values)
 */
public record ContainerSpec(
        String prefix,
        String name,
        String image,
        Map<String, String> environment,
        List<Port> ports,
        Map<String, String> volumes,
        List<String> networks,
        String networkMode,
        Map<String, String> labels,
        String restartPolicy,
        String logDriver,
        Map<String, String> logOptions,
        String user,
        boolean tty,
        List<String> commands,
        List<String> args,
        List<String> capabilities,
        long memoryBytes,
        long nanoCpus,
        List<String> secretKeys) {

    public record Port(int internal, int external) {
    }

    /** A spec with only prefix, name and image set. */
    public static ContainerSpec of(String prefix, String name, String image) {
        return new ContainerSpec(prefix, name, image, Map.of(), List.of(), Map.of(), List.of(), null, Map.of(), null,
                null, Map.of(), null, false, List.of(), List.of(), List.of(), 0, 0, List.of());
    }
}
