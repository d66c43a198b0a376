package io.ownwatch.registry.person;

/** No person has this id. */
public class PersonNotFound extends RuntimeException {

    public PersonNotFound(String personId) {
        super("No person with id '" + personId + "'.");
    }
}
