/**
 * E-mail: RFC 5322 / MIME messages in (raw bytes from a webhook relay, or fetched over IMAP by
 * {@link dev.parley.channels.email.ImapPoller}), SMTP out, threaded by {@code Message-ID}, {@code
 * In-Reply-To} and {@code References}. Parsing and composing use Angus Mail (the Jakarta Mail
 * API), HTML-only bodies jsoup.
 */
@NullMarked
package dev.parley.channels.email;

import org.jspecify.annotations.NullMarked;
