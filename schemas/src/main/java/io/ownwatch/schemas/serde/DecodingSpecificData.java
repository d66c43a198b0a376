package io.ownwatch.schemas.serde;

import java.util.ArrayList;
import java.util.Collection;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The generated class's model, except that decoded arrays are plain {@link ArrayList}s. Avro's own
 * {@code GenericData.Array.equals} compares elements with {@code GenericData.get()}, which knows no logical types,
 * so a decoded record with an array of records holding an {@code Instant} in a union (e.g.
 * {@code RemediationResult.steps}) would throw from {@code equals} instead of comparing.
 */
final class DecodingSpecificData extends SpecificData {

    DecodingSpecificData(SpecificData model, ClassLoader classLoader) {
        super(classLoader);
        model.getConversions().forEach(this::addLogicalTypeConversion);
    }

    @Override
    public Object newArray(Object old, int size, Schema schema) {
        if (old instanceof Collection<?> reused) {
            reused.clear();
            return reused;
        }
        return new ArrayList<>(size);
    }
}
