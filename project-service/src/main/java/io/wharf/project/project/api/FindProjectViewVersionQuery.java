package io.wharf.project.project.api;

/** The last Project event sequence number the project views applied ({@code Long}, -1 for none). */
public record FindProjectViewVersionQuery(String projectId) {
}
