package io.ownwatch.registry;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Something cannot be deleted because other things still name it; answered 409 by {@link ChangeProblems}
 * with every reference, so the caller knows what to change first.
 */
public class InUse extends RuntimeException {

    /** PostgreSQL's words for a foreign key that refused a delete: {@code ... is still referenced from table "runbook".} */
    private static final Pattern REFERENCING_TABLE = Pattern.compile("referenced from table \"([^\"]+)\"");

    /** One thing that names the resource, e.g. {@code service checkout}; the id is null when only its kind is known. */
    public record Reference(String type, String id) {

        @Override
        public String toString() {
            return id == null ? "rows of " + type : type + " '" + id + "'";
        }
    }

    private final List<Reference> references;

    /** @param kind what was to be deleted, e.g. "team" */
    public InUse(String kind, String id, List<Reference> references) {
        super(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " '" + id + "' is still referenced by "
                + references.stream().map(Reference::toString).collect(Collectors.joining(", "))
                + "; change or delete those first.");
        this.references = List.copyOf(references);
    }

    /**
     * The delete was refused by a foreign key of a table the repository does not list (a newer feature's): the
     * database says which table, and that is what the caller learns.
     */
    public static InUse byForeignKey(String kind, String id, DataIntegrityViolationException refused) {
        String message = String.valueOf(refused.getMostSpecificCause().getMessage());
        Matcher table = REFERENCING_TABLE.matcher(message);
        if (!table.find()) {
            throw refused;
        }
        return new InUse(kind, id, List.of(new Reference(table.group(1), null)));
    }

    public List<Reference> references() {
        return references;
    }
}
