/** WhatsApp Business Platform (Cloud API): webhooks in, Graph API {@code /messages} out. */
@NullMarked
package dev.parley.channels.whatsapp;

import org.jspecify.annotations.NullMarked;
