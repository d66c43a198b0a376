/** Every service as an OAuth2 resource server: JWTs from the configured issuer, roles as authorities, 401/403 as problem details. */
package io.ownwatch.edge.security;
