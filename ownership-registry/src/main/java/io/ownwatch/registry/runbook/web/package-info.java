/** The runbook catalog over HTTP: authoring, review and approval, with ETag/If-Match on every change of a version. */
package io.ownwatch.registry.runbook.web;
