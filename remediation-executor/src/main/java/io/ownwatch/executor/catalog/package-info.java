/** The executor's own copy of the approved runbook catalog and of who owns each service, fed by compacted topics. */
package io.ownwatch.executor.catalog;
