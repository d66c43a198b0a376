package io.ownwatch.registry.ownership;

/** A label matcher that cannot work, such as one whose regular expression does not compile. */
public class InvalidLabelMatcher extends IllegalArgumentException {

    public InvalidLabelMatcher(String message) {
        super(message);
    }
}
