/** Shows the catalog as the executor sees it: what it would accept a request for. */
package io.ownwatch.executor.catalog.web;
