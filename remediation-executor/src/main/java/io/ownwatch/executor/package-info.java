/** The remediation executor: runs approved runbooks inside the safety envelope operations set. */
package io.ownwatch.executor;
