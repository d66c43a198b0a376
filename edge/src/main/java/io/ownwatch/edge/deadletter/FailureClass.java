package io.ownwatch.edge.deadletter;

/** What retrying can do about a failed record, and so where it goes. */
enum FailureClass {

    /** Retrying cannot help (the bytes or the event are wrong): dead-letter it on the first attempt. */
    PERMANENT,

    /** Something the consumer needs is away (database, schema registry, broker): retry without limit, never dead-letter. */
    TRANSIENT,

    /** Unknown: retry with the binding's own back-off, then dead-letter. */
    OTHER
}
