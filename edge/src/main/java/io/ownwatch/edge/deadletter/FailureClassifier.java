package io.ownwatch.edge.deadletter;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Classifies a consumer failure by the class names found anywhere in its cause chain (each cause's class and
 * superclasses). Names rather than classes so that this library needs neither spring-jdbc nor a service's own
 * exception types on its classpath.
 *
 * <p>A transient cause wins over a permanent one: a record that cannot be decoded because the schema registry
 * is down arrives as a {@code DeserializationException} caused by {@code SchemaRegistryUnavailableException},
 * and must wait for the registry rather than be dead-lettered. Dead-lettering a good record loses it (guarantee 1
 * of ARCHITECTURE.md); waiting on a bad one shows up as consumer lag and a log line per attempt.
 *
 * @param permanent class names that make a failure {@link FailureClass#PERMANENT}
 * @param transientNames class names that make a failure {@link FailureClass#TRANSIENT}
 */
record FailureClassifier(Set<String> permanent, Set<String> transientNames) {

    /** The database, the schema registry or the broker being away, however it surfaces. */
    static final Set<String> BUILT_IN_TRANSIENT = Set.of(
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.RecoverableDataAccessException",
            "org.springframework.jdbc.CannotGetJdbcConnectionException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "java.sql.SQLTransientException",
            "java.sql.SQLRecoverableException",
            "io.ownwatch.schemas.serde.SchemaRegistryUnavailableException",
            "org.apache.kafka.common.errors.RetriableException",
            "java.net.ConnectException");

    /**
     * Bytes that are not our wire format, events the consumer refuses, and spring-kafka's own list of failures
     * that retrying cannot fix (conversion and listener-signature errors).
     */
    static final Set<String> BUILT_IN_PERMANENT = Set.of(
            "org.springframework.kafka.support.serializer.DeserializationException",
            "org.apache.kafka.common.errors.SerializationException",
            "java.lang.IllegalArgumentException",
            "org.springframework.messaging.converter.MessageConversionException",
            "org.springframework.core.convert.ConversionException",
            "org.springframework.messaging.handler.invocation.MethodArgumentResolutionException",
            "java.lang.NoSuchMethodException",
            "java.lang.ClassCastException");

    FailureClassifier {
        permanent = Set.copyOf(permanent);
        transientNames = Set.copyOf(transientNames);
    }

    /** The built-in lists plus a service's own names. */
    static FailureClassifier withBuiltIns(Collection<String> morePermanent, Collection<String> moreTransient) {
        Set<String> permanent = new LinkedHashSet<>(BUILT_IN_PERMANENT);
        permanent.addAll(morePermanent);
        Set<String> transientNames = new LinkedHashSet<>(BUILT_IN_TRANSIENT);
        transientNames.addAll(moreTransient);
        return new FailureClassifier(permanent, transientNames);
    }

    FailureClass classify(Throwable failure) {
        boolean permanentFound = false;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            for (Class<?> type = cause.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                if (transientNames.contains(type.getName())) {
                    return FailureClass.TRANSIENT;
                }
                permanentFound |= permanent.contains(type.getName());
            }
        }
        return permanentFound ? FailureClass.PERMANENT : FailureClass.OTHER;
    }
}
