package io.ownwatch.executor.policy.web;

/** A kill switch scope that is neither {@code global} nor {@code service:<id>}. */
class InvalidKillSwitchScope extends RuntimeException {

    InvalidKillSwitchScope(String scope) {
        super("must be 'global' or 'service:<service id>', not '" + scope.replaceAll("\\p{Cntrl}", "?") + "'");
    }
}
