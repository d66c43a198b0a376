/** Integrations: the sending systems allowed to post alerts, each admitted by its own hashed key and optional HMAC secret. */
package io.ownwatch.router.integration;
