/** The e-mail channel: SMTP, HTML with a text alternative. */
package io.ownwatch.router.notification.mail;
