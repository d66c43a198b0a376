package io.ownwatch.registry.schedule;

/** A schedule with this id exists already. */
public class ScheduleAlreadyExists extends RuntimeException {

    public ScheduleAlreadyExists(String id) {
        super("A schedule with id '" + id + "' already exists.");
    }
}
