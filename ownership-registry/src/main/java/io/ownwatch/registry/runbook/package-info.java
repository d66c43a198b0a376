/** The runbook catalog: versioned remediation procedures, their validation, review and approval by operations. */
package io.ownwatch.registry.runbook;
