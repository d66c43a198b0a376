/** Remediation actions (HTTP, Kubernetes): parameters bound and checked, targets guarded, never through a shell. */
package io.ownwatch.executor.action;
