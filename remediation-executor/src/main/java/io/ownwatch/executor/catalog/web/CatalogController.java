package io.ownwatch.executor.catalog.web;

import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.catalog.RunbookCatalog;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
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
}
