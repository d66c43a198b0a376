package io.ownwatch.schemas.registry;

/**
 * The registry answered with an error, or could not be reached at all.
 * Carries the HTTP status and Confluent's {@code error_code} so callers can tell "not found" from "refused".
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent's code for an unknown subject. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's code for an unknown version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent's code for an unknown schema (by id, or by content in a subject). */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent's code for a schema that breaks the subject's compatibility rule. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent's code for a schema that does not parse. */
    public static final int INVALID_SCHEMA = 42201;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        this(status, errorCode, message, null);
    }

    public SchemaRegistryException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status, or 0 when no registry answered. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} from the response body, or the HTTP status when the body had none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the subject, version or schema does not exist (HTTP 404). */
    public boolean isNotFound() {
        return status == 404;
    }

    /** True when no registry answered: connection refused, timed out, interrupted. */
    public boolean isUnreachable() {
        return status == 0;
    }
}
