package io.ownwatch.registry.ownership;

/** How a {@link LabelMatcher} compares a label's value, as Alertmanager's matchers do ({@code =}, {@code !=}, {@code =~}, {@code !~}). */
public enum MatchOp {
    EQUALS, NOT_EQUALS, REGEX, NOT_REGEX;

    public boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }
}
