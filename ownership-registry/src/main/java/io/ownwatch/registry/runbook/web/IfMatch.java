package io.ownwatch.registry.runbook.web;

/** The If-Match every change of a runbook version needs, as the ETag it names without quotes ({@code 2.5}). */
final class IfMatch {

    private IfMatch() {
    }

    /** The tag named by {@code "2.5"}, {@code W/"2.5"} or {@code 2.5}; throws {@link Required} when there is none. */
    static String require(String ifMatch, String path) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new Required(path);
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.replace("\"", "");
    }

    /** A change without If-Match: the caller must say which state they change, so no update is ever lost or approved unseen. */
    static class Required extends RuntimeException {

        Required(String path) {
            super("This change requires an If-Match header with the ETag you read (GET " + path
                    + "), so that no concurrent change is overwritten or approved unseen.");
        }
    }
}
