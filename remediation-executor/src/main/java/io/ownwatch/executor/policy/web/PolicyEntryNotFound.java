package io.ownwatch.executor.policy.web;

/** An ops rule or kill switch that does not exist. */
class PolicyEntryNotFound extends RuntimeException {

    PolicyEntryNotFound(String message) {
        super(message);
    }
}
