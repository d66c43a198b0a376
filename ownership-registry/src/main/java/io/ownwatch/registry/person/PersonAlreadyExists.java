package io.ownwatch.registry.person;

/** A person with this id exists already. */
public class PersonAlreadyExists extends RuntimeException {

    public PersonAlreadyExists(String personId) {
        super("A person with id '" + personId + "' already exists.");
    }
}
