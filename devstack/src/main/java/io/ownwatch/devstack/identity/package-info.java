/** The embedded OAuth2/OIDC identity provider: Spring Authorization Server with Ownwatch's sample people and clients. */
package io.ownwatch.devstack.identity;
