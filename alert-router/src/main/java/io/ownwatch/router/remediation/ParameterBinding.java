package io.ownwatch.router.remediation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A runbook's parameters bound from an alert's labels, by the names its schema declares. Labels the schema does not
 * declare are never passed on (the executor would refuse them, and they may carry anything); an optional parameter
 * without a label is left out; a required one without a label means there is nothing sensible to request.
 */
public sealed interface ParameterBinding {

    /** Every required parameter has a label. */
    record Bound(Map<String, String> parameters) implements ParameterBinding {
        public Bound {
            parameters = Map.copyOf(parameters);
        }
    }

    /** These required parameters have no label on the alert. */
    record Missing(List<String> names) implements ParameterBinding {
        public Missing {
            names = List.copyOf(names);
        }
    }

    static ParameterBinding bind(Runbook runbook, Map<String, String> labels) {
        Map<String, String> bound = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Parameter parameter : runbook.parameters()) {
            String value = labels.get(parameter.name());
            if (value != null && !value.isEmpty()) {
                bound.put(parameter.name(), value);
            } else if (parameter.required()) {
                missing.add(parameter.name());
            }
        }
        return missing.isEmpty() ? new Bound(bound) : new Missing(missing);
    }
}
