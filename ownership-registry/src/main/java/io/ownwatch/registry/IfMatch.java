package io.ownwatch.registry;

/**
 * Reads the version a change is based on from {@code If-Match}, as every ETag-locked resource of this
 * service does ({@code "3"}, {@code W/"3"} or {@code 3}). A change without it is refused (428), so that no
 * concurrent change is overwritten unseen; an unreadable tag matches no version (412 follows).
 */
public final class IfMatch {

    private IfMatch() {
    }

    /**
     * @param kind what is changed, e.g. "person"
     * @param path where the caller reads the current ETag
     * @throws Required when the header is missing or blank
     */
    public static long expectedVersion(String kind, String id, String path, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new Required(kind, id, path);
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** A change without If-Match; answered 428 by {@link ChangeProblems}. */
    public static class Required extends RuntimeException {

        Required(String kind, String id, String path) {
            super("Changing " + kind + " '" + id + "' requires an If-Match header with the ETag you read (GET " + path
                    + "), so that no concurrent change is overwritten unseen.");
        }
    }
}
