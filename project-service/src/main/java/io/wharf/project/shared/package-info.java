/**
 * The few contracts between project-service's features (registries, storages, projects,
 * versions, images): each interface is implemented by exactly one feature and used by others.
 */
package io.wharf.project.shared;
