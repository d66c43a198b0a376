package io.ownwatch.registry.person;

import io.ownwatch.registry.NotFound;

/** No person has this id. */
public class PersonNotFound extends NotFound {

    public PersonNotFound(String personId) {
        super("person", personId);
    }
}
