package io.ownwatch.executor.catalog.web;

import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.catalog.RunbookCatalog;
import java.util.List;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The runbooks the executor would accept a request for, as it received them from runbooks.v1. */
@RestController
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class CatalogController {

    private final RunbookCatalog catalog;

    CatalogController(RunbookCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/v1/catalog/runbooks")
    Items runbooks() {
        return new Items(catalog.runbooks());
    }

    record Items(List<Runbook> items) {
    }

    /** Which team owns a service, as ownership.v1 last said; the team whose responders may run its runbooks. */
    @GetMapping("/api/v1/catalog/services/{serviceId}")
    Owner owner(@PathVariable String serviceId) {
        return catalog.owningTeam(serviceId).map(team -> new Owner(serviceId, team)).orElseThrow(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no owner of this service has reached the executor on ownership.v1");
            problem.setType(URI.create("https://ownwatch.io/problems/service-owner-not-found"));
            problem.setTitle("Service owner not found");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }

    record Owner(String serviceId, String teamId) {
    }
}
