package io.ownwatch.router.incident.web;

/** A filter of the incident list that contradicts another. */
class InvalidIncidentQuery extends RuntimeException {

    private final String field;

    InvalidIncidentQuery(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
