package io.wharf.identity.user.api;

/** What the register and login commands answer: enough to build the response and the token. */
public record UserProfile(String id, String email, String firstName, String lastName) {

    /** The display name of dyrector: full name, or the first name alone. */
    public String name() {
        return lastName == null ? firstName : firstName + " " + lastName;
    }
}
