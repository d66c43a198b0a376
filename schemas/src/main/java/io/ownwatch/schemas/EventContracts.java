package io.ownwatch.schemas;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Facts about the generated event classes that code using them must honour.
 */
public final class EventContracts {

    /** The package of the generated classes, as named in every {@code .avsc}. */
    public static final String PACKAGE = "io.ownwatch.events";

    private static final AtomicBoolean TRUSTED = new AtomicBoolean();

    private EventContracts() {
    }

    /**
     * Lets Avro instantiate our generated classes. Since 1.11.4 Avro refuses to load any class it was not told to
     * trust (even to fill an enum default in a builder), and the usual way, the system property
     * {@code org.apache.avro.SERIALIZABLE_PACKAGES=io.ownwatch.events}, is easy to forget in a {@code main} or a
     * container's command line. Idempotent; the serde calls it when it is loaded, and an application that builds
     * events before touching the serde can call it first thing. Other trust settings are kept.
     */
    public static void trustGeneratedClasses() {
        if (TRUSTED.compareAndSet(false, true)) {
            ClassSecurityValidator.ClassSecurityPredicate events =
                    type -> type.getName().startsWith(PACKAGE + ".");
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), events));
        }
    }
}
