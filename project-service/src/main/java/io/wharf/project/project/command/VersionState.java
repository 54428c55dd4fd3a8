package io.wharf.project.project.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A version inside the {@link Project} aggregate: changed only by the aggregate's event sourcing handlers. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
final class VersionState {

    final String id;
    String name;
    final String type;
    String parentId;
    String childId;
    boolean published;
    Map<String, ImageState> images = new LinkedHashMap<>();

    @JsonCreator
    VersionState(@JsonProperty("id") String id, @JsonProperty("name") String name, @JsonProperty("type") String type) {
        this.id = id;
        this.name = name;
        this.type = type;
    }

    List<ImageState> ordered() {
        return images.values().stream().sorted(Comparator.comparingInt(i -> i.order)).toList();
    }

    // value equality: Axon's fixture compares the state sourced from events with the state after handling
    @Override
    public boolean equals(Object o) {
        return o instanceof VersionState v && id.equals(v.id) && Objects.equals(name, v.name)
                && Objects.equals(type, v.type) && Objects.equals(parentId, v.parentId)
                && Objects.equals(childId, v.childId) && published == v.published && images.equals(v.images);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** SPEC §3: increasable = incremental and no child yet. */
    boolean increasable() {
        return ProjectRules.INCREMENTAL.equals(type) && childId == null;
    }

    /**
     * SPEC §3: rolling → mutable; incremental → no freezing deployment, still increasable, and (seed
     * 000) not published.
     */
    boolean mutable(Collection<String> deploymentStatuses) {
        if (ProjectRules.ROLLING.equals(type)) {
            return true;
        }
        return !published && increasable() && deploymentStatuses.stream().noneMatch(Project.FREEZING::contains);
    }
}
