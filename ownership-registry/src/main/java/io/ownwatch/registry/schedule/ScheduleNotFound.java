package io.ownwatch.registry.schedule;

/** No schedule has this id. */
public class ScheduleNotFound extends RuntimeException {

    public ScheduleNotFound(String id) {
        super("No schedule with id '" + id + "'.");
    }
}
