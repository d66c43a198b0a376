package io.ownwatch.router.silence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where silences are kept: implemented by the JDBC adapter. */
public interface Silences {

    void insert(Silence silence);

    Optional<Silence> findById(UUID id);

    /** Silences in force at that instant. */
    List<Silence> activeAt(Instant at);

    /** Every silence, newest first. */
    List<Silence> all();

    /** Records an early end. */
    void expire(UUID id, Instant at);

    /**
     * Takes the next sequence number of the silence's timeline (its SUPPRESSED events), in the current transaction.
     */
    long nextSequence(UUID id);
}
