package io.ownwatch.executor.action;

/**
 * A step that must not run as asked: a parameter failing its schema or carrying shell or path syntax, a host off the
 * allowlist, an internal address, a Kubernetes target outside the service's selectors, too many targets. Nothing was
 * sent to any target.
 */
public class StepRefused extends RuntimeException {

    private final String field;

    /** @param field what was refused, as a path ({@code parameters.pod}, {@code steps[0].settings.url}) */
    public StepRefused(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
