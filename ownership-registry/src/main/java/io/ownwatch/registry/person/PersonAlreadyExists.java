package io.ownwatch.registry.person;

import io.ownwatch.registry.AlreadyExists;

/** A person with this id exists already. */
public class PersonAlreadyExists extends AlreadyExists {

    public PersonAlreadyExists(String personId) {
        super("person", personId);
    }
}
