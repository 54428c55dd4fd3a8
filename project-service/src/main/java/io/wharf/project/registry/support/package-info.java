/**
 * What the registry and storage features share: secrets sealed at rest ({@link
 * io.wharf.common.security.SecretCipher}), names unique per team ({@link
 * io.wharf.project.registry.support.TeamNames}), read-your-writes (common's
 * ViewWait), the address rule for outbound calls ({@link
 * io.wharf.project.registry.support.AddressPolicy}) and their configuration.
 */
package io.wharf.project.registry.support;
