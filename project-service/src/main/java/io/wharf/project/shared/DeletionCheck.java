package io.wharf.project.shared;

/**
 * What a registry's or storage's deletion finds (write side): nothing uses it (and it is now marked
 * for the deletion), an image command holds it right now (a live hold that passes within its unit of
 * work: 409 + Retry-After), or an image or config really uses it (412).
 */
public enum DeletionCheck {
    FREE,
    HELD_NOW,
    IN_USE
}
