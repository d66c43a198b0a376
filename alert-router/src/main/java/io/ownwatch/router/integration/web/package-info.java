/** HTTP edge of integrations: the admin API and the bearer-token rule that lets integration keys past the JWT check. */
package io.ownwatch.router.integration.web;
